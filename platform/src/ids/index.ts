import { v7 as uuidv7 } from 'uuid';

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A new time-ordered id (UUIDv7): primary keys stay index-friendly and sort by creation. */
export const newId = (): string => uuidv7();

/**
 * Ids arrive dashed or as 32 hex digits (both appear in the CRM.COM contracts); returns the
 * canonical dashed lower-case form, or null when the value is not id-shaped (e.g. a code).
 */
export function canonicalId(value: string): string | null {
  if (!UUID_LIKE.test(value)) return null;
  const hex = value.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
