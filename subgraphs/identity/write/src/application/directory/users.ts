import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import { hashPassword } from '@crm/platform/security';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import {
  changePassword as decidePasswordChange,
  cleanPersonName,
  createUser as decideCreate,
  disableUser as decideDisable,
  evolveUser,
  type NewUser,
  normaliseEmail,
  updateUser as decideUpdate,
  type UserChange,
  type UserPatch,
  type UserState,
  type UserStatus,
  validateNewUser,
} from '../../domain/user';
import { applyChanges } from '../apply-changes';
import type { Tx } from '../unit-of-work';
import type { Sessions } from '../auth/sessions';
import { teamsFound } from './teams';
import { liveRoles, ownerFacts, ownerRoleId, type Grantor } from './grants';

/** Back-office users: the rules are the deciders of `domain/user.ts`; this file looks up, loads and persists around them. */
export { cleanPersonName, normaliseEmail, type NewUser, type UserPatch, type UserStatus };

/** A user as the directory shows it (never the password hash). */
export type UserView = UserState;

interface UserRow {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  status: UserStatus;
  role_ids: string[];
  team_ids: string[];
  version: number;
  password_hash: string;
}

const stateOf = (r: UserRow): UserState => ({
  id: r.id,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  status: r.status,
  roleIds: [...r.role_ids],
  teamIds: [...r.team_ids],
  version: Number(r.version),
});

const userAggregate = { type: AGGREGATES.user, evolve: evolveUser };

async function loadRow(tx: Tx, id: string, lock: boolean): Promise<UserRow | null> {
  const [row] = (await tx.m.query(
    `SELECT id, email, first_name, last_name, status, role_ids, team_ids, version, password_hash FROM users WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [tx.tenantId, id],
  )) as UserRow[];
  return row ?? null;
}

/** The user of this tenant (null when missing); `lock` holds its row for the command. */
export async function loadUserState(tx: Tx, id: string, lock: boolean): Promise<UserState | null> {
  const row = await loadRow(tx, id, lock);
  return row ? stateOf(row) : null;
}

export async function loadUser(tx: Tx, id: string): Promise<UserView> {
  const state = await loadUserState(tx, id, false);
  if (!state) throw AppError.notFound('user', id);
  return state;
}

/** Saves the user's state after its changes (a new user, or the fields its events change); `passwordHash` sets a new password. */
async function save(tx: Tx, current: UserState | null, changes: UserChange[], passwordHash?: string): Promise<UserState> {
  const next = applyChanges(tx, userAggregate, current, current?.id ?? newId(), changes)!;
  if (changes.length === 0) return next;
  if (!current) {
    await tx.m.query(
      `INSERT INTO users (id, tenant_id, email, password_hash, first_name, last_name, status, role_ids, team_ids, password_changed_at, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9::uuid[], $10, $11, $10, $10)`,
      [next.id, tx.tenantId, next.email, passwordHash, next.firstName, next.lastName, next.status, next.roleIds, next.teamIds, tx.now, next.version],
    );
    return next;
  }
  await tx.m.query(
    `UPDATE users SET first_name = $3, last_name = $4, status = $5, role_ids = $6::uuid[], team_ids = $7::uuid[], version = $8, updated_at = $9
       ${passwordHash === undefined ? '' : ', password_hash = $10, password_changed_at = $9'}
     WHERE tenant_id = $1 AND id = $2`,
    [
      tx.tenantId,
      next.id,
      next.firstName,
      next.lastName,
      next.status,
      next.roleIds,
      next.teamIds,
      next.version,
      tx.now,
      ...(passwordHash === undefined ? [] : [passwordHash]),
    ],
  );
  return next;
}

/**
 * Creates a back-office user with an argon2id password hash. The roles must exist in the tenant
 * and the grantor must hold what they grant; only an owner hands out the owner role.
 */
export async function insertUser(tx: Tx, input: NewUser, grantor: Grantor): Promise<string> {
  const valid = validateNewUser(input);
  const roles = await liveRoles(tx, valid.roleIds);
  const teams = await teamsFound(tx, input.teamIds ?? []);
  const owner = await ownerRoleId(tx, false);
  const taken = (await tx.m.query(`SELECT 1 FROM users WHERE tenant_id = $1 AND lower(email) = $2`, [tx.tenantId, valid.email])) as unknown[];
  const changes = decideCreate(null, {
    ...input,
    grantorPermissions: grantor.permissions,
    roles,
    teams,
    owner: await ownerFacts(tx, grantor, owner, null, owner !== null && valid.roleIds.includes(owner)),
    emailTaken: taken.length > 0,
  });
  return (await save(tx, null, changes, await hashPassword(input.password))).id;
}

/**
 * Changes a user's names, roles and teams; nothing changed means no event and no new version.
 * The owner role's row is locked first when roles may change (see `ownerRoleId`).
 */
export async function updateUser(tx: Tx, id: string, patch: UserPatch, grantor: Grantor): Promise<UserView> {
  if (patch.firstName !== undefined) cleanPersonName('firstName', patch.firstName);
  if (patch.lastName !== undefined) cleanPersonName('lastName', patch.lastName);
  const owner = patch.roleIds === undefined ? null : await ownerRoleId(tx, true);
  const current = await loadUserState(tx, id, true);
  const involved =
    current !== null && owner !== null && patch.roleIds !== undefined && (current.roleIds.includes(owner) || patch.roleIds.includes(owner));
  const changes = decideUpdate(current, {
    id,
    patch,
    grantorPermissions: grantor.permissions,
    roles: patch.roleIds === undefined ? new Map() : await liveRoles(tx, patch.roleIds),
    teams: patch.teamIds === undefined ? new Set() : await teamsFound(tx, patch.teamIds),
    owner: await ownerFacts(tx, grantor, owner, id, involved),
  });
  return save(tx, current, changes);
}

/** Disables a user and ends all their sessions (rules: `domain/user.ts` `disableUser`). */
export async function disableUser(tx: Tx, sessions: Sessions, id: string, grantor: Grantor): Promise<UserView> {
  const self = grantor.actor.kind === 'user' && grantor.actor.id === id;
  const owner = self ? null : await ownerRoleId(tx, true);
  const current = self ? null : await loadUserState(tx, id, true);
  const involved = current !== null && current.status === 'ACTIVE' && owner !== null && current.roleIds.includes(owner);
  const changes = decideDisable(current, { id, actor: grantor.actor, owner: await ownerFacts(tx, grantor, owner, id, involved) });
  const next = await save(tx, current, changes);
  if (changes.length > 0) await sessions.revokeAllOf(tx, 'user', id, 'USER_DISABLED');
  return next;
}

/**
 * Sets a new password of an active user (`user.password_changed` via RESET or CHANGE) and ends
 * every other session of the user. With `verifiedHash` (a change by the user), the hash verified
 * beforehand must still be the current one.
 */
export async function setPassword(
  tx: Tx,
  sessions: Sessions,
  cmd: { userId: string; via: 'RESET' | 'CHANGE'; passwordHash: string; verifiedHash?: string; keepSessionId?: string | null },
): Promise<void> {
  const row = await loadRow(tx, cmd.userId, true);
  const current = row ? stateOf(row) : null;
  const verifiedStillCurrent = cmd.verifiedHash === undefined || row?.password_hash === cmd.verifiedHash;
  await save(tx, current, decidePasswordChange(current, { via: cmd.via, verifiedStillCurrent }), cmd.passwordHash);
  await sessions.revokeAllOf(tx, 'user', cmd.userId, 'PASSWORD_CHANGED', cmd.keepSessionId ?? null);
}
