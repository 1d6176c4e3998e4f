import { AppError } from '@crm/platform/errors';

/** A display name (role, team): trimmed, 1-`max` characters, no control characters. */
export function checkDisplayName(name: string, field: string, max: number): string {
  const v = name.trim();
  if (v.length === 0 || v.length > max) throw AppError.validation(field, `must be 1-${max} characters`, 'INVALID_LENGTH');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}
