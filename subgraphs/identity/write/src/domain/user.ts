import type { Actor } from '@crm/event-bus';
import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { AppError } from '@crm/platform/errors';
import { checkPasswordPolicy } from '@crm/platform/security';
import { checkRoleGrants, lastOwner, ownerRequired, type OwnerFacts } from './grants';
import { checkTeamIds } from './team';

/** Back-office users (NOTES §6): the rules of the user aggregate; passwords are hashed by the caller. */
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

/** Write-side state of one user aggregate: the view plus its credential, which no event carries. */
export interface UserState extends UserView {
  passwordHash: string;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const viewOf = ({ passwordHash: _h, passwordChangedAt: _p, createdAt: _c, updatedAt: _u, ...view }: UserState): UserView => view;

type UserEvent = Extract<IdentityEvent, { type: 'user.created' | 'user.updated' | 'user.disabled' | 'user.password_changed' }>;
type Data<T extends UserEvent['type']> = Extract<UserEvent, { type: T }>['data'];
/** A new password hash is stored beside its event (`user.created`, `user.password_changed`), never in it. */
type WithPassword = { stored: { passwordHash: string } };
/** What a user decider returns: event types with their data, before the envelope is added. */
export type UserChange =
  | ({ type: 'user.created'; data: Data<'user.created'> } & WithPassword)
  | { type: 'user.updated'; data: Data<'user.updated'> }
  | { type: 'user.disabled'; data: Data<'user.disabled'> }
  | ({ type: 'user.password_changed'; data: Data<'user.password_changed'> } & WithPassword);

/** Applies one event to the state (pure). */
export function evolveUser(state: UserState | null, change: UserChange, meta: { version: number; at: Date }): UserState {
  switch (change.type) {
    case 'user.created': {
      const d = change.data;
      return {
        id: state?.id ?? '',
        email: d.email,
        firstName: d.firstName,
        lastName: d.lastName,
        status: 'ACTIVE',
        roleIds: [...d.roleIds],
        teamIds: [...d.teamIds],
        version: meta.version,
        passwordHash: change.stored.passwordHash,
        passwordChangedAt: meta.at,
        createdAt: meta.at,
        updatedAt: meta.at,
      };
    }
    case 'user.updated': {
      if (!state) throw new Error('cannot update a missing user');
      const d = change.data;
      return {
        ...state,
        firstName: d.firstName !== undefined ? d.firstName : state.firstName,
        lastName: d.lastName !== undefined ? d.lastName : state.lastName,
        roleIds: d.roleIds ? [...d.roleIds] : state.roleIds,
        teamIds: d.teamIds ? [...d.teamIds] : state.teamIds,
        version: meta.version,
        updatedAt: meta.at,
      };
    }
    case 'user.disabled':
      if (!state) throw new Error('cannot disable a missing user');
      return { ...state, status: 'DISABLED', version: meta.version, updatedAt: meta.at };
    case 'user.password_changed':
      if (!state) throw new Error('cannot change the password of a missing user');
      return { ...state, passwordHash: change.stored.passwordHash, passwordChangedAt: meta.at, version: meta.version, updatedAt: meta.at };
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;

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

export const userExists = () => new AppError('CONFLICT', 'a user with this email already exists', { reason: 'USER_EXISTS', field: 'email' });

export interface NewUser {
  email: string;
  password: string;
  firstName: string | null;
  lastName: string | null;
  roleIds: string[];
  teamIds?: string[] | undefined;
}

/** The rules on the input alone (checked before anything is looked up): normalised email, names and unique role ids. */
export function validateNewUser(input: NewUser): { email: string; firstName: string | null; lastName: string | null; roleIds: string[] } {
  const email = normaliseEmail('email', input.email);
  checkPasswordPolicy(input.password, 'password');
  return {
    email,
    firstName: cleanPersonName('firstName', input.firstName),
    lastName: cleanPersonName('lastName', input.lastName),
    roleIds: [...new Set(input.roleIds)],
  };
}

/** What the caller looked up for a command granting roles and teams. */
export interface GrantFacts {
  /** The grantor's permissions (`*` = all); nobody grants more than they hold. */
  grantorPermissions: readonly string[];
  /** Live roles of the tenant among those named: id → permissions. */
  roles: ReadonlyMap<string, readonly string[]>;
  /** Teams of the tenant among those named. */
  teams: ReadonlySet<string>;
  owner: OwnerFacts;
}

/**
 * Creates a back-office user. The roles must exist in the tenant and the grantor must hold what
 * they grant; only an owner hands out the owner role; the email is unique in the tenant.
 */
export function createUser(state: UserState | null, cmd: NewUser & GrantFacts & { emailTaken: boolean; passwordHash: string }): UserChange[] {
  const { email, firstName, lastName, roleIds } = validateNewUser(cmd);
  checkRoleGrants(cmd.grantorPermissions, roleIds, cmd.roles);
  const teamIds = checkTeamIds(cmd.teamIds ?? [], cmd.teams);
  const owner = cmd.owner.ownerRoleId;
  if (owner && roleIds.includes(owner) && !cmd.owner.grantorOwns) throw ownerRequired();
  if (state) throw new Error('a user is created once');
  if (cmd.emailTaken) throw userExists();
  return [{ type: 'user.created', data: { email, firstName, lastName, roleIds, teamIds }, stored: { passwordHash: cmd.passwordHash } }];
}

/** Omitted (undefined) fields stay as they are; null clears a name. */
export interface UserPatch {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  roleIds?: string[] | undefined;
  teamIds?: string[] | undefined;
}

const requireUser = (state: UserState | null, id: string): UserState => {
  if (!state) throw AppError.notFound('user', id);
  return state;
};

/**
 * Changes a user's names, roles and teams. The `user.updated` event carries only the fields that
 * changed; nothing changed means no event. Granting or removing the owner role needs an owner,
 * and the last active owner keeps it.
 */
export function updateUser(state: UserState | null, cmd: { id: string; patch: UserPatch } & GrantFacts): UserChange[] {
  const { patch } = cmd;
  const firstName = patch.firstName === undefined ? undefined : cleanPersonName('firstName', patch.firstName);
  const lastName = patch.lastName === undefined ? undefined : cleanPersonName('lastName', patch.lastName);
  const user = requireUser(state, cmd.id);
  const changes: Data<'user.updated'> = {};
  if (firstName !== undefined && firstName !== user.firstName) changes.firstName = firstName;
  if (lastName !== undefined && lastName !== user.lastName) changes.lastName = lastName;
  if (patch.roleIds !== undefined) {
    const roleIds = [...new Set(patch.roleIds)];
    const current = new Set(user.roleIds);
    if (roleIds.length !== current.size || roleIds.some((r) => !current.has(r))) {
      checkRoleGrants(cmd.grantorPermissions, roleIds, cmd.roles, 'roleIds', current);
      const owner = cmd.owner.ownerRoleId;
      if (owner && current.has(owner) !== roleIds.includes(owner)) {
        if (current.has(owner) && user.status === 'ACTIVE' && !cmd.owner.anotherActiveOwner) throw lastOwner();
        if (!cmd.owner.grantorOwns) throw ownerRequired();
      }
      changes.roleIds = roleIds;
    }
  }
  if (patch.teamIds !== undefined) {
    const teamIds = checkTeamIds(patch.teamIds, cmd.teams);
    const current = new Set(user.teamIds);
    if (teamIds.length !== current.size || teamIds.some((t) => !current.has(t))) changes.teamIds = teamIds;
  }
  return Object.keys(changes).length === 0 ? [] : [{ type: 'user.updated', data: changes }];
}

/**
 * Disables a user (the caller ends their sessions). Nobody disables themselves, only an owner
 * disables an owner, and the last active owner cannot be disabled. Disabling a disabled user
 * changes nothing.
 */
export function disableUser(state: UserState | null, cmd: { id: string; actor: Actor; owner: OwnerFacts }): UserChange[] {
  if (cmd.actor.kind === 'user' && cmd.actor.id === cmd.id) {
    throw new AppError('CONFLICT', 'you cannot disable your own account', { reason: 'CANNOT_DISABLE_SELF', field: 'id' });
  }
  const user = requireUser(state, cmd.id);
  if (user.status === 'DISABLED') return [];
  const owner = cmd.owner.ownerRoleId;
  if (owner && user.roleIds.includes(owner)) {
    if (!cmd.owner.anotherActiveOwner) throw lastOwner();
    if (!cmd.owner.grantorOwns) throw ownerRequired();
  }
  return [{ type: 'user.disabled', data: {} }];
}

export const invalidResetToken = () => AppError.validation('token', 'the link is invalid or has expired', 'INVALID_TOKEN');

export const concurrentChange = () => new AppError('CONFLICT', 'the account changed meanwhile; try again', { reason: 'CONCURRENT_CHANGE' });

/**
 * Records a new password (hashed by the caller) of an active user: through a reset link (an
 * inactive user makes the link invalid) or by the user (the hash verified beforehand,
 * `verifiedHash`, must still be the current one, else a concurrent change or disable won).
 */
export function changePassword(
  state: UserState | null,
  cmd: { via: 'RESET' | 'CHANGE'; passwordHash: string; verifiedHash?: string | undefined },
): UserChange[] {
  const refused = cmd.via === 'RESET' ? invalidResetToken : concurrentChange;
  if (!state || state.status !== 'ACTIVE') throw refused();
  if (cmd.verifiedHash !== undefined && cmd.verifiedHash !== state.passwordHash) throw refused();
  return [{ type: 'user.password_changed', data: { via: cmd.via }, stored: { passwordHash: cmd.passwordHash } }];
}
