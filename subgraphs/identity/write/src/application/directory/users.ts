import { AppError } from '@crm/platform/errors';
import { hashPassword } from '@crm/platform/security';
import {
  changePassword as decidePasswordChange,
  cleanPersonName,
  createUser as decideCreate,
  disableUser as decideDisable,
  type NewUser,
  normaliseEmail,
  updateUser as decideUpdate,
  type UserPatch,
  type UserStatus,
  type UserView,
  validateNewUser,
  viewOf,
} from '../../domain/user';
import { userAggregate, userStore } from '../../persistence/user-store';
import type { Tx } from '../unit-of-work';
import type { Sessions } from '../auth/sessions';
import { teamsFound } from './teams';
import { liveRoles, ownerFacts, ownerRoleId, type Grantor } from './grants';

/**
 * Back-office users: the rules are the deciders of `domain/user.ts`, run by the kit's command
 * handler inside the caller's transaction; this file looks up the facts they need (roles, teams,
 * ownership, each locked as before) and ends sessions beside them.
 */
export { cleanPersonName, normaliseEmail, type NewUser, type UserPatch, type UserStatus, type UserView };

export async function loadUser(tx: Tx, id: string): Promise<UserView> {
  const state = await userStore.findById(tx.m, tx.tenantId, id);
  if (!state) throw AppError.notFound('user', id);
  return viewOf(state);
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
  const facts = {
    ...input,
    grantorPermissions: grantor.permissions,
    roles,
    teams,
    owner: await ownerFacts(tx, grantor, owner, null, owner !== null && valid.roleIds.includes(owner)),
    emailTaken: taken.length > 0,
  };
  decideCreate(null, { ...facts, passwordHash: '' }); // every rule, before the (deliberately slow) hash
  const passwordHash = await hashPassword(input.password);
  const { state } = await tx.command(userAggregate, { create: true, id: null }, (current) => decideCreate(current, { ...facts, passwordHash }));
  return state.id;
}

/**
 * Changes a user's names, roles and teams; nothing changed means no event and no new version.
 * When roles may change, the owner role's row is locked first (see `ownerRoleId`).
 */
export async function updateUser(tx: Tx, id: string, patch: UserPatch, grantor: Grantor): Promise<UserView> {
  if (patch.firstName !== undefined) cleanPersonName('firstName', patch.firstName);
  if (patch.lastName !== undefined) cleanPersonName('lastName', patch.lastName);
  const owner = patch.roleIds === undefined ? null : await ownerRoleId(tx, true);
  const facts = {
    id,
    patch,
    grantorPermissions: grantor.permissions,
    roles: patch.roleIds === undefined ? new Map<string, string[]>() : await liveRoles(tx, patch.roleIds),
    teams: patch.teamIds === undefined ? new Set<string>() : await teamsFound(tx, patch.teamIds),
    owner: await ownerFacts(tx, grantor, owner, id, owner !== null),
  };
  const { state } = await tx.command(userAggregate, { create: false, ref: id }, (current) => decideUpdate(current, facts));
  return viewOf(state);
}

/** Disables a user and ends all their sessions (rules: `domain/user.ts` `disableUser`). */
export async function disableUser(tx: Tx, sessions: Sessions, id: string, grantor: Grantor): Promise<UserView> {
  const self = grantor.actor.kind === 'user' && grantor.actor.id === id;
  const owner = self ? null : await ownerRoleId(tx, true);
  const facts = { id, actor: grantor.actor, owner: await ownerFacts(tx, grantor, owner, id, owner !== null) };
  const { state, events } = await tx.command(userAggregate, { create: false, ref: id }, (current) => decideDisable(current, facts));
  if (events.length > 0) await sessions.revokeAllOf(tx, 'user', id, 'USER_DISABLED');
  return viewOf(state);
}

/**
 * Sets a new password (hashed) of an active user, `user.password_changed` via RESET or CHANGE,
 * and ends every other session of the user. With `verifiedHash` (a change by the user), the hash
 * verified beforehand must still be the current one.
 */
export async function setPassword(
  tx: Tx,
  sessions: Sessions,
  cmd: { userId: string; via: 'RESET' | 'CHANGE'; passwordHash: string; verifiedHash?: string; keepSessionId?: string | null },
): Promise<void> {
  await tx.command(userAggregate, { create: false, ref: cmd.userId }, (current) => decidePasswordChange(current, cmd));
  await sessions.revokeAllOf(tx, 'user', cmd.userId, 'PASSWORD_CHANGED', cmd.keepSessionId ?? null);
}
