import { AppError } from '@crm/platform/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Every id argument passes here before it reaches SQL: a VALIDATION error naming the field otherwise. */
export function requireUuid(field: string, value: unknown): string {
  if (!isUuid(value)) throw AppError.validation(field, 'must be a UUID', 'INVALID_ID');
  return value.toLowerCase();
}

/** `requireUuid` for each element, naming the element (`roleIds.2`). */
export function requireUuids(field: string, values: readonly unknown[]): string[] {
  return values.map((v, i) => requireUuid(`${field}.${i}`, v));
}
