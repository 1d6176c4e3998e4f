import { AppError } from '@crm/platform/errors';
import type {
  CommunityChange,
  CommunityEvent,
  CommunityStateName,
  MemberSettings,
  ProductAllowance,
} from '@crm/event-bus/contracts/contacts/community';

/** Write-side state of one community relationship: an owner's invitation of a member and what it grants. */
export interface RelationshipState {
  id: string;
  version: number;
  ownerId: string;
  memberId: string;
  relation: { id: string; name: string } | null;
  group: string | null;
  settings: MemberSettings;
  productsAllowance: ProductAllowance[];
  state: CommunityStateName;
  createdAt: Date;
  updatedAt: Date;
}

export type RelationshipChange = CommunityChange;
type DataOf<T extends CommunityEvent['type']> = Extract<CommunityEvent, { type: T }>['data'];

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolveRelationship(
  state: RelationshipState | null,
  event: RelationshipChange,
  meta: { version: number; at: Date },
): RelationshipState {
  if (event.type === 'community.person_invited') {
    const d = event.data as DataOf<'community.person_invited'>;
    return { id: state?.id ?? '', version: meta.version, ...d, productsAllowance: [], state: 'PENDING', createdAt: meta.at, updatedAt: meta.at };
  }
  if (!state) throw new Error(`${event.type} before community.person_invited`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'community.person_responded':
      return { ...next, state: (event.data as DataOf<'community.person_responded'>).state };
    case 'community.person_updated':
      return { ...next, ...(event.data as DataOf<'community.person_updated'>) };
    case 'community.person_removed':
      return { ...next, state: 'REMOVED' };
    case 'community.products_allowance_set':
      return { ...next, productsAllowance: (event.data as DataOf<'community.products_allowance_set'>).productsAllowance };
  }
  return next;
}

export const relationshipNotFound = (id: string): AppError =>
  new AppError('NOT_FOUND', `community relationship ${id} was not found`, { reason: 'COMMUNITY_RELATIONSHIP_NOT_FOUND' });

/** The relationship as its owner sees it: a missing, removed or another owner's relationship is a 404. */
export function requireOwned(state: RelationshipState | null, ownerId: string, ref: string): RelationshipState {
  if (!state || state.state === 'REMOVED' || state.ownerId !== ownerId) throw relationshipNotFound(ref);
  return state;
}
