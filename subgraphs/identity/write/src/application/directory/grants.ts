import type { Actor } from '@crm/event-bus';
import { AppError } from '@crm/platform/errors';
import { assertGrantable, OWNER_ROLE } from '../../domain/roles';
import type { Tx } from '../unit-of-work';

/** Who is changing the directory, and what they may hand out. */
export interface Grantor {
  actor: Actor;
  /** The caller's permissions (`*` = all); nobody grants more than they hold. */
  permissions: readonly string[];
}

/** The operator at the admin CLI: acts on the database directly and holds everything. */
export const ADMIN_CLI: Grantor = { actor: { kind: 'system', id: 'admin-cli' }, permissions: ['*'] };

/**
 * The tenant's built-in owner role. `lock` takes its row lock: every change that could leave a
 * tenant without an active owner takes it first, so two such changes cannot both pass the check.
 */
export async function ownerRoleId(tx: Tx, lock: boolean): Promise<string | null> {
  const [row] = (await tx.m.query(
    `SELECT id FROM roles WHERE tenant_id = $1 AND built_in AND name = $2 AND deleted_at IS NULL ${lock ? 'FOR UPDATE' : ''}`,
    [tx.tenantId, OWNER_ROLE],
  )) as { id: string }[];
  return row?.id ?? null;
}

/** Owners and the operator may grant or take away ownership; admins and keys may not. */
export async function assertMayManageOwners(tx: Tx, grantor: Grantor, ownerId: string): Promise<void> {
  if (grantor.actor.kind === 'system') return;
  if (grantor.actor.kind === 'user' && grantor.actor.id) {
    const found = (await tx.m.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2 AND status = 'ACTIVE' AND $3::uuid = ANY(role_ids)`, [
      tx.tenantId,
      grantor.actor.id,
      ownerId,
    ])) as unknown[];
    if (found.length > 0) return;
  }
  throw new AppError('FORBIDDEN', 'only an owner can grant or remove the owner role', { reason: 'OWNER_REQUIRED' });
}

/** CONFLICT when no active owner other than `userId` would remain. */
export async function assertAnotherActiveOwner(tx: Tx, ownerId: string, userId: string): Promise<void> {
  const others = (await tx.m.query(
    `SELECT 1 FROM users WHERE tenant_id = $1 AND id <> $2 AND status = 'ACTIVE' AND $3::uuid = ANY(role_ids) LIMIT 1`,
    [tx.tenantId, userId, ownerId],
  )) as unknown[];
  if (others.length === 0)
    throw new AppError('CONFLICT', 'the last active owner of a tenant cannot lose ownership or be disabled', { reason: 'LAST_OWNER' });
}

/**
 * Checks role ids for a user or key: each must be a live role of the tenant (VALIDATION naming
 * `<field>.N`; the row is share-locked so it cannot be deleted meanwhile), and the grantor must
 * hold every permission the newly granted roles carry.
 */
export async function assertRolesGrantable(
  tx: Tx,
  grantor: Grantor,
  roleIds: readonly string[],
  field = 'roleIds',
  alreadyHeld: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (roleIds.length > 50) throw AppError.validation(field, 'at most 50 roles', 'TOO_MANY');
  const permissions: string[] = [];
  for (const [i, id] of roleIds.entries()) {
    const [role] = (await tx.m.query(`SELECT permissions FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL FOR SHARE`, [
      tx.tenantId,
      id,
    ])) as { permissions: string[] }[];
    if (!role) throw AppError.validation(`${field}.${i}`, 'is not a role of this tenant', 'UNKNOWN_ROLE');
    // a role the subject already has may stay even when the grantor lacks its permissions
    if (!alreadyHeld.has(id)) permissions.push(...role.permissions);
  }
  assertGrantable(grantor.permissions, permissions);
}

/** A secret key acts with its role's permissions: binding a key to a role is granting them. */
export async function assertKeyRoleGrantable(tx: Tx, grantor: Grantor, roleId: string): Promise<void> {
  const [role] = (await tx.m.query(`SELECT permissions FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [
    tx.tenantId,
    roleId,
  ])) as { permissions: string[] }[];
  if (role) assertGrantable(grantor.permissions, role.permissions);
}
