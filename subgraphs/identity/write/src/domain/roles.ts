import { AppError } from '@crm/platform/errors';
import { ALL_PERMISSIONS, isCatalogued } from './permissions';
import { checkDisplayName } from './names';

/** The built-in role whose members alone may grant or remove ownership. */
export const OWNER_ROLE = 'owner';
export const ROLE_NAME_MAX = 100;
export const ROLE_PERMISSIONS_MAX = 200;

/** A role name: trimmed, 1-100 characters, no control characters. */
export function checkRoleName(name: string, field = 'name'): string {
  return checkDisplayName(name, field, ROLE_NAME_MAX);
}

/**
 * The permissions of a role: each must be in the catalogue (the error names `permissions.N`).
 * Duplicates collapse; the result is in catalogue order, so equal sets compare equal.
 */
export function checkRolePermissions(permissions: readonly string[], field = 'permissions'): string[] {
  if (permissions.length > ROLE_PERMISSIONS_MAX) throw AppError.validation(field, `at most ${ROLE_PERMISSIONS_MAX} permissions`, 'TOO_MANY');
  for (const [i, p] of permissions.entries()) {
    if (!isCatalogued(p))
      throw AppError.validation(`${field}.${i}`, `${JSON.stringify(p.slice(0, 100))} is not a known permission`, 'UNKNOWN_PERMISSION');
  }
  const wanted = new Set(permissions);
  return ALL_PERMISSIONS.filter((p) => wanted.has(p));
}

/** Permissions in `wanted` that a grantor holding `held` may not hand out (`*` holds everything). */
export function ungrantable(held: readonly string[], wanted: readonly string[]): string[] {
  if (held.includes('*')) return [];
  return [...new Set(wanted)].filter((p) => !held.includes(p));
}

/** Nobody grants a permission they do not hold (a role manager cannot escalate through a role). */
export function assertGrantable(held: readonly string[], wanted: readonly string[]): void {
  const missing = ungrantable(held, wanted);
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', `you cannot grant permissions you do not hold: ${missing.join(', ')}`, { reason: 'PERMISSION_NOT_HELD' });
  }
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
