import { AppError } from '@crm/platform/errors';
import { assertGrantable } from './roles';

export const USER_ROLES_MAX = 50;

/**
 * Role ids for a user: each must be a live role of the tenant (`found`, looked up by the caller:
 * role id → its permissions; VALIDATION naming `<field>.N` otherwise), and the grantor must hold
 * every permission the newly granted roles carry. A role the subject already holds may stay even
 * when the grantor lacks its permissions.
 */
export function checkRoleGrants(
  grantorPermissions: readonly string[],
  roleIds: readonly string[],
  found: ReadonlyMap<string, readonly string[]>,
  field = 'roleIds',
  alreadyHeld: ReadonlySet<string> = new Set(),
): void {
  if (roleIds.length > USER_ROLES_MAX) throw AppError.validation(field, `at most ${USER_ROLES_MAX} roles`, 'TOO_MANY');
  const permissions: string[] = [];
  for (const [i, id] of roleIds.entries()) {
    const held = found.get(id);
    if (!held) throw AppError.validation(`${field}.${i}`, 'is not a role of this tenant', 'UNKNOWN_ROLE');
    if (!alreadyHeld.has(id)) permissions.push(...held);
  }
  assertGrantable(grantorPermissions, permissions);
}

/** Who holds the tenant's ownership, as looked up by the caller for a command that may change it. */
export interface OwnerFacts {
  /** The tenant's built-in owner role (null: none). */
  ownerRoleId: string | null;
  /** The grantor may grant or take away ownership: an active owner, or the operator. */
  grantorOwns: boolean;
  /** An active owner other than the user the command acts on exists. */
  anotherActiveOwner: boolean;
}

export const ownerRequired = () => new AppError('FORBIDDEN', 'only an owner can grant or remove the owner role', { reason: 'OWNER_REQUIRED' });

export const lastOwner = () =>
  new AppError('CONFLICT', 'the last active owner of a tenant cannot lose ownership or be disabled', { reason: 'LAST_OWNER' });
