import type { CommunityEvent, CommunityStateName, MemberSettings, ProductAllowance } from '@crm/event-bus/contracts/contacts/community';

/** The read model of one community relationship (owner → member). */
export interface RelationshipView {
  id: string;
  version: number;
  ownerId: string;
  memberId: string;
  relation: { id: string; name: string } | null;
  group: string | null;
  settings: MemberSettings;
  productsAllowance: ProductAllowance[];
  state: CommunityStateName;
  createdAt: string;
  updatedAt: string;
}

type DataOf<T extends CommunityEvent['type']> = Extract<CommunityEvent, { type: T }>['data'];

/** Folds one community event into the view (pure; events arrive in version order, duplicates skipped). */
export function projectRelationship(
  view: RelationshipView | null,
  event: Pick<CommunityEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): RelationshipView {
  const at = event.occurredAt;
  if (event.type === 'community.person_invited') {
    const d = event.data as DataOf<'community.person_invited'>;
    return { id: event.aggregateId, version: event.aggregateVersion, ...d, productsAllowance: [], state: 'PENDING', createdAt: at, updatedAt: at };
  }
  if (!view) throw new Error(`${event.type} of relationship ${event.aggregateId} before it was invited`);
  const next = { ...view, version: event.aggregateVersion, updatedAt: at };
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
