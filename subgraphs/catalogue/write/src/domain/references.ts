import { AppError } from '@crm/platform/errors';
import { PRODUCT_AGGREGATE, PRODUCT_GROUP_AGGREGATE, type GroupKind } from '@crm/event-bus/contracts/catalogue';

/** What a referenced aggregate is (looked up by the application before deciding; null = absent). */
export interface Reference {
  aggregateType: string;
  kind: string | null;
  deleted: boolean;
  composition: string | null;
  classification: string | null;
}

/** The references a command names, resolved: id → what it is. */
export type References = ReadonlyMap<string, Reference>;

const unknown = (field: string, what: string, id: string) =>
  new AppError('VALIDATION', `${field}: ${id} is not a ${what} of this business`, { field, reason: 'UNKNOWN_REFERENCE' });

/** Refuses an id that is not a live product group of `kind`. */
export function requireGroup(refs: References, field: string, kind: GroupKind, id: string | null | undefined): void {
  if (id === null || id === undefined) return;
  const r = refs.get(id);
  if (!r || r.aggregateType !== PRODUCT_GROUP_AGGREGATE || r.kind !== kind || r.deleted) throw unknown(field, kind.toLowerCase(), id);
}

/** Refuses an id that is not a product. */
export function requireProduct(refs: References, field: string, id: string): Reference {
  const r = refs.get(id);
  if (!r || r.aggregateType !== PRODUCT_AGGREGATE) throw unknown(field, 'product', id);
  return r;
}

/** Refuses a list naming the same id twice. */
export function requireDistinct(field: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw AppError.validation(`${field}.${i}`, `${id} is listed twice`, 'DUPLICATE');
    seen.add(id);
  });
}

export const notAllowed = (field: string, message: string) =>
  new AppError('VALIDATION', `${field}: ${message}`, { field, reason: 'NOT_ALLOWED_FOR_PRODUCT' });
