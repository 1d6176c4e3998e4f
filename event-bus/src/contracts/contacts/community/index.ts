import type { EventOf } from '../../define-event';
import { CommunityPersonInvitedV1 } from './community-person-invited.v1';
import { CommunityPersonRespondedV1 } from './community-person-responded.v1';
import { CommunityPersonUpdatedV1 } from './community-person-updated.v1';
import { CommunityPersonRemovedV1 } from './community-person-removed.v1';
import { CommunityProductsAllowanceSetV1 } from './community-products-allowance-set.v1';

export * from './shapes';
export * from './community-person-invited.v1';
export * from './community-person-responded.v1';
export * from './community-person-updated.v1';
export * from './community-person-removed.v1';
export * from './community-products-allowance-set.v1';

/** The community relationship's events (contacts topic, aggregate `community_relationship`). */
export const COMMUNITY_EVENTS = [
  CommunityPersonInvitedV1,
  CommunityPersonRespondedV1,
  CommunityPersonUpdatedV1,
  CommunityPersonRemovedV1,
  CommunityProductsAllowanceSetV1,
] as const;

export type CommunityEvent = EventOf<(typeof COMMUNITY_EVENTS)[number]>;
export type CommunityChange = CommunityEvent extends infer E ? (E extends { type: infer T; data: infer D } ? { type: T; data: D } : never) : never;
