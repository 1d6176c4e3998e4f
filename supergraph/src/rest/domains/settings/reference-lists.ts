import { op } from '../../kit/operation';

/** Reference lists (settings domain): tags, languages, name-day rules, industries, sub-industries, business activities. */
const ENTRY_FIELDS = 'id kind name entity description colour state languageCode month day names industryName createdAt updatedAt';

export const LIST_REFERENCE_ENTRIES = op(
  'query',
  'RestReferenceEntries',
  `query RestReferenceEntries($kind: String!) { referenceEntries(kind: $kind) { ${ENTRY_FIELDS} } }`,
);
export const GET_REFERENCE_ENTRY = op(
  'query',
  'RestReferenceEntry',
  `query RestReferenceEntry($kind: String!, $id: ID!) { referenceEntry(kind: $kind, id: $id) { ${ENTRY_FIELDS} } }`,
);

export interface GqlReferenceEntry {
  id: string;
  kind: string;
  name: string | null;
  entity: string | null;
  description: string | null;
  colour: string | null;
  state: string | null;
  languageCode: string | null;
  month: number | null;
  day: number | null;
  names: string[] | null;
  industryName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Case-insensitive "contains" of a name filter (`?name=`). */
export const nameMatches = (name: string | null, filter: string | undefined): boolean =>
  filter === undefined || (name ?? '').toLowerCase().includes(filter.trim().toLowerCase());
