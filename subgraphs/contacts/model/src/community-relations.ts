/**
 * The community relations every organisation has (CRM.COM `GET /communities/relations`): fixed
 * ids, so an invitation names one with `relation_id`. "Family" is the default one.
 */
export const COMMUNITY_RELATIONS: readonly { id: string; name: string; isDefault: boolean }[] = [
  { id: 'c0a1e1a7-0000-4000-8000-000000000001', name: 'Family', isDefault: true },
  { id: 'c0a1e1a7-0000-4000-8000-000000000002', name: 'Spouse', isDefault: false },
  { id: 'c0a1e1a7-0000-4000-8000-000000000003', name: 'Child', isDefault: false },
  { id: 'c0a1e1a7-0000-4000-8000-000000000004', name: 'Parent', isDefault: false },
  { id: 'c0a1e1a7-0000-4000-8000-000000000005', name: 'Friend', isDefault: false },
  { id: 'c0a1e1a7-0000-4000-8000-000000000006', name: 'Employee', isDefault: false },
];

export function communityRelationOf(id: string): { id: string; name: string } | null {
  const r = COMMUNITY_RELATIONS.find((x) => x.id === id.toLowerCase());
  return r ? { id: r.id, name: r.name } : null;
}
