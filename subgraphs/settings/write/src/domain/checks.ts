import { AppError } from '@crm/platform/errors';

/** The checks the settings deciders share; each refusal names the REST field. */

/** One of the allowed values (exact), or a 400 listing them. */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${allowed.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

/** A required one-line text, trimmed, at most `max` characters, without control characters. */
export function textOf(field: string, value: string | null | undefined, max: number): string {
  const v = (value ?? '').trim();
  if (!v) throw AppError.validation(field, 'is required', 'REQUIRED');
  if (v.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}

/** An optional text: absent or blank is null, otherwise as `textOf`. */
export const optionalText = (field: string, value: string | null | undefined, max: number): string | null =>
  value == null || value.trim() === '' ? null : textOf(field, value, max);
