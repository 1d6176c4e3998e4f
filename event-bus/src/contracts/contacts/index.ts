import { ContactCreatedV1 } from './contact-created.v1';
import { ContactUpdatedV1 } from './contact-updated.v1';
import { ContactTagsSetV1 } from './contact-tags-set.v1';
import { ContactAddressAddedV1 } from './contact-address-added.v1';
import { ContactAddressUpdatedV1 } from './contact-address-updated.v1';
import { ContactAddressRemovedV1 } from './contact-address-removed.v1';
import { ContactUnregisteredV1 } from './contact-unregistered.v1';
import type { EventOf } from '../define-event';
import { COMMUNITY_EVENTS } from './community';

export * from './topics';
export * from './contact-shapes';
export * from './contact-created.v1';
export * from './contact-updated.v1';
export * from './contact-tags-set.v1';
export * from './contact-address-added.v1';
export * from './contact-address-updated.v1';
export * from './contact-address-removed.v1';
export * from './contact-unregistered.v1';

export const CONTACT_EVENTS = [
  ContactCreatedV1,
  ContactUpdatedV1,
  ContactTagsSetV1,
  ContactAddressAddedV1,
  ContactAddressUpdatedV1,
  ContactAddressRemovedV1,
  ContactUnregisteredV1,
] as const;

/** Every contacts event, as the union of its contracts' envelopes. */
export type ContactEvent = EventOf<(typeof CONTACT_EVENTS)[number]>;

/** The domain's contracts, as the platform's event registry collects them (contracts/index.ts). */
export const domainEvents = [...CONTACT_EVENTS, ...COMMUNITY_EVENTS];
