import { integer } from '../../kit/paging';

/** `as_of` (our extension of the REST balance reads): epoch seconds → the instant the balances are read at. */
export function asOfParam(params: Map<string, string>): string | null {
  if (!params.has('as_of')) return null;
  return new Date(integer('as_of', params.get('as_of')!, 0, 253_402_300_799) * 1000 + 999).toISOString();
}

export const AS_OF_PARAMETER = {
  name: 'as_of',
  in: 'query',
  required: false,
  description:
    'Our extension (not in CRM.COM): epoch seconds; the balances as they were at the end of that second (the fold of the postings up to then). blocked/available amounts are not historical.',
  schema: { type: 'integer', minimum: 0 },
};
