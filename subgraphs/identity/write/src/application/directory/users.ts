import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { checkPasswordPolicy, hashPassword } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { Tx } from '../unit-of-work';
import type { Sessions } from '../auth/sessions';
import { assertTeamsExist } from './teams';
import { assertAnotherActiveOwner, assertMayManageOwners, assertRolesGrantable, ownerRoleId, type Grantor } from './grants';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;

export interface NewUser {
  email: string;
  password: string;
  firstName: string | null;
  lastName: string | null;
  roleIds: string[];
  teamIds?: string[] | undefined;
}

export type UserStatus = 'ACTIVE' | 'DISABLED';

/** A user as the directory shows it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: UserStatus;
  roleIds: string[];
  teamIds: string[];
  version: number;
}

interface UserRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  status: UserStatus;
  role_ids: string[];
  team_ids: string[];
  version: number;
}

const viewOf = (r: UserRow): UserView => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  status: r.status,
  roleIds: [...r.role_ids],
  teamIds: [...r.team_ids],
  version: Number(r.version),
});

export function normaliseEmail(field: string, email: string): string {
  const v = email.trim().toLowerCase();
  if (v.length > 254 || !EMAIL.test(v)) throw AppError.validation(field, 'is not a valid email address', 'INVALID_EMAIL');
  return v;
}

/** A first or last name: trimmed, at most 100 characters; blank means none. */
export function cleanPersonName(field: string, value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  if (v.length > 100) throw AppError.validation(field, 'must be at most 100 characters', 'TOO_LONG');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v === '' ? null : v;
}

async function loadUserRow(tx: Tx, id: string, lock: boolean): Promise<UserRow> {
  const [row] = (await tx.m.query(
    `SELECT id, email, first_name, last_name, status, role_ids, team_ids, version FROM users WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [tx.tenantId, id],
  )) as UserRow[];
  if (!row) throw AppError.notFound('user', id);
  return row;
}

export async function loadUser(tx: Tx, id: string): Promise<UserView> {
  return viewOf(await loadUserRow(tx, id, false));
}

/**
 * Creates a back-office user with an argon2id password hash. The roles must exist in the tenant
 * and the grantor must hold what they grant; only an owner hands out the owner role.
 */
export async function insertUser(tx: Tx, input: NewUser, grantor: Grantor): Promise<string> {
  const email = normaliseEmail('email', input.email);
  checkPasswordPolicy(input.password, 'password');
  const firstName = cleanPersonName('firstName', input.firstName);
  const lastName = cleanPersonName('lastName', input.lastName);
  const roleIds = [...new Set(input.roleIds)];
  await assertRolesGrantable(tx, grantor, roleIds);
  const teamIds = await assertTeamsExist(tx, input.teamIds ?? []);
  const owner = await ownerRoleId(tx, false);
  if (owner && roleIds.includes(owner)) await assertMayManageOwners(tx, grantor, owner);
  const taken = (await tx.m.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = $2`, [tx.tenantId, email])) as unknown[];
  if (taken.length > 0) throw new AppError('CONFLICT', 'a user with this email already exists', { reason: 'USER_EXISTS', field: 'email' });
  const id = newId();
  await tx.m.query(
    `INSERT INTO users (id, tenant_id, email, password_hash, first_name, last_name, status, role_ids, team_ids, password_changed_at, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7::uuid[], $9::uuid[], $8, 1, $8, $8)`,
    [id, tx.tenantId, email, await hashPassword(input.password), firstName, lastName, roleIds, tx.now, teamIds],
  );
  tx.emit({
    type: 'user.created',
    aggregateType: AGGREGATES.user,
    aggregateId: id,
    aggregateVersion: 1,
    data: { email, firstName, lastName, roleIds, teamIds },
  });
  return id;
}

/** Omitted (undefined) fields stay as they are; null clears a name. */
export interface UserPatch {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  roleIds?: string[] | undefined;
  teamIds?: string[] | undefined;
}

/**
 * Changes a user's names, roles and teams. The `user.updated` event carries only the fields that
 * changed; nothing changed means no event and no new version. Granting or removing the owner
 * role needs an owner, and the last active owner keeps it.
 */
export async function updateUser(tx: Tx, id: string, patch: UserPatch, grantor: Grantor): Promise<UserView> {
  const firstName = patch.firstName === undefined ? undefined : cleanPersonName('firstName', patch.firstName);
  const lastName = patch.lastName === undefined ? undefined : cleanPersonName('lastName', patch.lastName);
  const owner = patch.roleIds === undefined ? null : await ownerRoleId(tx, true);
  const row = await loadUserRow(tx, id, true);
  const changes: { firstName?: string | null; lastName?: string | null; roleIds?: string[]; teamIds?: string[] } = {};
  if (firstName !== undefined && firstName !== row.first_name) changes.firstName = firstName;
  if (lastName !== undefined && lastName !== row.last_name) changes.lastName = lastName;
  if (patch.roleIds !== undefined) {
    const roleIds = [...new Set(patch.roleIds)];
    const current = new Set(row.role_ids);
    const added = roleIds.filter((r) => !current.has(r));
    if (roleIds.length !== current.size || added.length > 0) {
      await assertRolesGrantable(tx, grantor, roleIds, 'roleIds', current);
      if (owner && current.has(owner) !== roleIds.includes(owner)) {
        if (current.has(owner) && row.status === 'ACTIVE') await assertAnotherActiveOwner(tx, owner, id);
        await assertMayManageOwners(tx, grantor, owner);
      }
      changes.roleIds = roleIds;
    }
  }
  if (patch.teamIds !== undefined) {
    const teamIds = await assertTeamsExist(tx, patch.teamIds);
    const current = new Set(row.team_ids);
    if (teamIds.length !== current.size || teamIds.some((t) => !current.has(t))) changes.teamIds = teamIds;
  }
  if (Object.keys(changes).length === 0) return viewOf(row);
  const version = Number(row.version) + 1;
  const next: UserRow = {
    ...row,
    first_name: changes.firstName !== undefined ? changes.firstName : row.first_name,
    last_name: changes.lastName !== undefined ? changes.lastName : row.last_name,
    role_ids: changes.roleIds ?? row.role_ids,
    team_ids: changes.teamIds ?? row.team_ids,
    version,
  };
  await tx.m.query(
    `UPDATE users SET first_name = $3, last_name = $4, role_ids = $5::uuid[], team_ids = $8::uuid[], version = $6, updated_at = $7 WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, id, next.first_name, next.last_name, next.role_ids, version, tx.now, next.team_ids],
  );
  tx.emit({ type: 'user.updated', aggregateType: AGGREGATES.user, aggregateId: id, aggregateVersion: version, data: changes });
  return viewOf(next);
}

/**
 * Disables a user and ends all their sessions. Nobody disables themselves, only an owner
 * disables an owner, and the last active owner cannot be disabled. Disabling a disabled user
 * changes nothing.
 */
export async function disableUser(tx: Tx, sessions: Sessions, id: string, grantor: Grantor): Promise<UserView> {
  if (grantor.actor.kind === 'user' && grantor.actor.id === id) {
    throw new AppError('CONFLICT', 'you cannot disable your own account', { reason: 'CANNOT_DISABLE_SELF', field: 'id' });
  }
  const owner = await ownerRoleId(tx, true);
  const row = await loadUserRow(tx, id, true);
  if (row.status === 'DISABLED') return viewOf(row);
  if (owner && row.role_ids.includes(owner)) {
    await assertAnotherActiveOwner(tx, owner, id);
    await assertMayManageOwners(tx, grantor, owner);
  }
  const version = Number(row.version) + 1;
  await tx.m.query(`UPDATE users SET status = 'DISABLED', version = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    id,
    version,
    tx.now,
  ]);
  tx.emit({ type: 'user.disabled', aggregateType: AGGREGATES.user, aggregateId: id, aggregateVersion: version, data: {} });
  await sessions.revokeAllOf(tx, 'user', id, 'USER_DISABLED');
  return viewOf({ ...row, status: 'DISABLED', version });
}
