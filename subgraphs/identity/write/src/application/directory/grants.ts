import type { Actor } from '@crm/event-bus';
import { rolePermissions } from '../../domain/permissions';
import { assertGrantable, OWNER_ROLE } from '../../domain/roles';
import type { OwnerFacts } from '../../domain/grants';
import type { Tx } from '../unit-of-work';

/**
 * The look-ups behind the grant rules of `domain/grants.ts` (which roles exist, who owns the
 * tenant): the deciders get their answers as facts.
 */

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
async function grantorOwns(tx: Tx, grantor: Grantor, ownerId: string): Promise<boolean> {
  if (grantor.actor.kind === 'system') return true;
  if (grantor.actor.kind !== 'user' || !grantor.actor.id) return false;
  const found = (await tx.m.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2 AND status = 'ACTIVE' AND $3::uuid = ANY(role_ids)`, [
    tx.tenantId,
    grantor.actor.id,
    ownerId,
  ])) as unknown[];
  return found.length > 0;
}

/** Whether an active owner other than `userId` exists. */
async function anotherActiveOwner(tx: Tx, ownerId: string, userId: string | null): Promise<boolean> {
  const others = (await tx.m.query(
    `SELECT 1 FROM users WHERE tenant_id = $1 AND id <> $2 AND status = 'ACTIVE' AND $3::uuid = ANY(role_ids) LIMIT 1`,
    [tx.tenantId, userId, ownerId],
  )) as unknown[];
  return others.length > 0;
}

/**
 * The ownership facts of a command on `userId` (null: a new user), looked up only when `involved`
 * (the command may grant, take away or disable ownership); otherwise nothing is asked.
 */
export async function ownerFacts(tx: Tx, grantor: Grantor, ownerId: string | null, userId: string | null, involved: boolean): Promise<OwnerFacts> {
  if (!ownerId || !involved) return { ownerRoleId: ownerId, grantorOwns: false, anotherActiveOwner: false };
  return {
    ownerRoleId: ownerId,
    anotherActiveOwner: userId === null ? false : await anotherActiveOwner(tx, ownerId, userId),
    grantorOwns: await grantorOwns(tx, grantor, ownerId),
  };
}

/** The live roles of the tenant among `roleIds` with their permissions, share-locked so they cannot be deleted meanwhile. */
export async function liveRoles(tx: Tx, roleIds: readonly string[]): Promise<Map<string, string[]>> {
  if (roleIds.length === 0) return new Map();
  const rows = (await tx.m.query(
    `SELECT id, name, built_in, permissions FROM roles WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL ORDER BY id FOR SHARE`,
    [tx.tenantId, [...new Set(roleIds)]],
  )) as { id: string; name: string; built_in: boolean; permissions: string[] }[];
  return new Map(rows.map((r) => [r.id, [...rolePermissions({ name: r.name, builtIn: r.built_in, permissions: r.permissions })]]));
}

/** A secret key acts with its role's permissions: binding a key to a role is granting them. */
export async function assertKeyRoleGrantable(tx: Tx, grantor: Grantor, roleId: string): Promise<void> {
  const [role] = (await tx.m.query(`SELECT name, built_in, permissions FROM roles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`, [
    tx.tenantId,
    roleId,
  ])) as { name: string; built_in: boolean; permissions: string[] }[];
  if (role) assertGrantable(grantor.permissions, rolePermissions({ name: role.name, builtIn: role.built_in, permissions: role.permissions }));
}
