import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders, T0 } from './decider-test-kit';
import type { OwnerFacts } from './grants';
import { changePassword, createUser, disableUser, evolveUser, updateUser, type UserChange } from './user';

/** A valid (v4-shaped) UUID numbered `n`. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ID = uuid(1);
const spec = identityDeciders(AGGREGATES.user, ID, evolveUser);

const OWNER = uuid(10);
const AGENT = uuid(11);
const ADMIN = uuid(12);
const TEAM = uuid(20);
const roles = new Map<string, readonly string[]>([
  [OWNER, ['users.manage', 'contacts.write']],
  [AGENT, ['contacts.read']],
  [ADMIN, ['users.manage']],
]);
const teams = new Set([TEAM]);
const owns: OwnerFacts = { ownerRoleId: OWNER, grantorOwns: true, anotherActiveOwner: true };
const notOwner: OwnerFacts = { ...owns, grantorOwns: false };
const everything = { grantorPermissions: ['*'], roles, teams, owner: owns };
const newUser = {
  email: ' Ada@Example.COM ',
  password: 'correct horse battery',
  firstName: ' Ada ',
  lastName: '',
  roleIds: [AGENT, AGENT],
  teamIds: [TEAM],
};

const created: UserChange = {
  type: 'user.created',
  data: { email: 'ada@example.com', firstName: 'Ada', lastName: null, roleIds: [AGENT], teamIds: [TEAM] },
  stored: { passwordHash: 'h1' },
};
const owner: UserChange = { type: 'user.created', data: { ...created.data, roleIds: [OWNER] }, stored: { passwordHash: 'h1' } } as UserChange;

describe('user deciders', () => {
  it('createUser: normalised email and names, roles once each, active at version 1 of its history', () => {
    const state = spec(createUser)
      .given()
      .when({ ...newUser, ...everything, emailTaken: false, passwordHash: 'h1' })
      .then([created]);
    assert.deepEqual(state, {
      id: ID,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: null,
      status: 'ACTIVE',
      roleIds: [AGENT],
      teamIds: [TEAM],
      version: 100,
      passwordHash: 'h1',
      passwordChangedAt: T0,
      createdAt: T0,
      updatedAt: T0,
    });
  });

  it('createUser: refuses a bad email, a weak password, unknown roles and teams, a taken email, in that order', () => {
    const create = spec(createUser).given();
    create
      .when({ ...newUser, email: 'nope', password: 'x', ...everything, emailTaken: true, passwordHash: 'h1' })
      .thenFails({ code: 'VALIDATION', field: 'email', reason: 'INVALID_EMAIL' });
    create
      .when({ ...newUser, password: 'x', ...everything, emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'VALIDATION', field: 'password' });
    create
      .when({ ...newUser, roleIds: [AGENT, uuid(99)], teamIds: [uuid(98)], ...everything, emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'VALIDATION', field: 'roleIds.1', reason: 'UNKNOWN_ROLE' });
    create
      .when({ ...newUser, teamIds: [TEAM, uuid(98)], ...everything, emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'VALIDATION', field: 'teamIds.1', reason: 'UNKNOWN_TEAM' });
    create
      .when({ ...newUser, ...everything, emailTaken: true, passwordHash: 'h1' })
      .thenFails({ code: 'CONFLICT', reason: 'USER_EXISTS', field: 'email' });
    create
      .when({ ...newUser, roleIds: Array.from({ length: 51 }, (_, i) => uuid(100 + i)), ...everything, emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'VALIDATION', field: 'roleIds', reason: 'TOO_MANY' });
  });

  it('createUser: nobody grants permissions they lack, and only an owner hands out the owner role', () => {
    spec(createUser)
      .given()
      .when({ ...newUser, roleIds: [ADMIN], ...everything, grantorPermissions: ['contacts.read'], emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'FORBIDDEN', reason: 'PERMISSION_NOT_HELD' });
    spec(createUser)
      .given()
      .when({ ...newUser, roleIds: [OWNER], ...everything, owner: notOwner, emailTaken: false, passwordHash: 'h1' })
      .thenFails({ code: 'FORBIDDEN', reason: 'OWNER_REQUIRED' });
    spec(createUser)
      .given()
      .when({ ...newUser, roleIds: [OWNER], ...everything, emailTaken: false, passwordHash: 'h1' })
      .then([owner]);
  });

  it('updateUser: the event carries only the changed fields; nothing changed is no event', () => {
    const state = spec(updateUser)
      .given(created)
      .when({ id: ID, patch: { firstName: 'Ada', lastName: 'Lovelace', roleIds: [AGENT], teamIds: [TEAM, TEAM] }, ...everything })
      .then([{ type: 'user.updated', data: { lastName: 'Lovelace' } }]);
    assert.equal(state.lastName, 'Lovelace');
    spec(updateUser)
      .given(created)
      .when({ id: ID, patch: { firstName: ' Ada ', teamIds: [TEAM] }, ...everything })
      .then([]);
    spec(updateUser)
      .given(created)
      .when({ id: ID, patch: { firstName: null, teamIds: [] }, ...everything })
      .then([{ type: 'user.updated', data: { firstName: null, teamIds: [] } }]);
  });

  it('updateUser: a role the user keeps needs no permission; a new one does; unknown users are not found', () => {
    const grantor = { ...everything, grantorPermissions: ['users.manage'] };
    spec(updateUser)
      .given(created)
      .when({ id: ID, patch: { roleIds: [AGENT, ADMIN] }, ...grantor })
      .then([{ type: 'user.updated', data: { roleIds: [AGENT, ADMIN] } }]);
    spec(updateUser)
      .given(created)
      .when({ id: ID, patch: { roleIds: [ADMIN, OWNER] }, ...grantor })
      .thenFails({ code: 'FORBIDDEN', reason: 'PERMISSION_NOT_HELD' });
    spec(updateUser)
      .given()
      .when({ id: ID, patch: { firstName: 'X' }, ...everything })
      .thenFails({ code: 'NOT_FOUND' });
    spec(updateUser)
      .given()
      .when({ id: ID, patch: { firstName: 'a\u0007' }, ...everything })
      .thenFails({ code: 'VALIDATION', field: 'firstName', reason: 'INVALID_CHARACTERS' });
  });

  it('updateUser: the last active owner keeps the owner role; only an owner takes it away', () => {
    spec(updateUser)
      .given(owner)
      .when({ id: ID, patch: { roleIds: [AGENT] }, ...everything, owner: { ...owns, anotherActiveOwner: false } })
      .thenFails({ code: 'CONFLICT', reason: 'LAST_OWNER' });
    spec(updateUser)
      .given(owner)
      .when({ id: ID, patch: { roleIds: [AGENT] }, ...everything, owner: notOwner })
      .thenFails({ code: 'FORBIDDEN', reason: 'OWNER_REQUIRED' });
    spec(updateUser)
      .given(owner, { type: 'user.disabled', data: {} })
      .when({ id: ID, patch: { roleIds: [AGENT] }, ...everything, owner: { ...owns, anotherActiveOwner: false } })
      .then([{ type: 'user.updated', data: { roleIds: [AGENT] } }]);
  });

  it('disableUser: disables once; nobody disables themselves; the last owner stays; only an owner disables an owner', () => {
    const admin = { kind: 'user' as const, id: uuid(2) };
    const state = spec(disableUser)
      .given(created)
      .when({ id: ID, actor: admin, owner: notOwner })
      .then([{ type: 'user.disabled', data: {} }]);
    assert.equal(state.status, 'DISABLED');
    spec(disableUser).given(created, { type: 'user.disabled', data: {} }).when({ id: ID, actor: admin, owner: notOwner }).then([]);
    spec(disableUser)
      .given(created)
      .when({ id: ID, actor: { kind: 'user', id: ID }, owner: owns })
      .thenFails({ code: 'CONFLICT', reason: 'CANNOT_DISABLE_SELF', field: 'id' });
    spec(disableUser).given().when({ id: ID, actor: admin, owner: owns }).thenFails({ code: 'NOT_FOUND' });
    spec(disableUser)
      .given(owner)
      .when({ id: ID, actor: admin, owner: { ...owns, anotherActiveOwner: false } })
      .thenFails({ code: 'CONFLICT', reason: 'LAST_OWNER' });
    spec(disableUser).given(owner).when({ id: ID, actor: admin, owner: notOwner }).thenFails({ code: 'FORBIDDEN', reason: 'OWNER_REQUIRED' });
  });

  it('changePassword: an active user whose verified hash is still current; a reset of an inactive user is an invalid link', () => {
    const state = spec(changePassword)
      .given(created)
      .when({ via: 'CHANGE', passwordHash: 'h2', verifiedHash: 'h1' })
      .then([{ type: 'user.password_changed', data: { via: 'CHANGE' }, stored: { passwordHash: 'h2' } }]);
    assert.deepEqual([state.passwordHash, state.version], ['h2', 100]);
    spec(changePassword)
      .given(created)
      .when({ via: 'RESET', passwordHash: 'h2' })
      .then([{ type: 'user.password_changed', data: { via: 'RESET' }, stored: { passwordHash: 'h2' } }]);
    spec(changePassword)
      .given(created)
      .when({ via: 'CHANGE', passwordHash: 'h2', verifiedHash: 'h0' })
      .thenFails({ code: 'CONFLICT', reason: 'CONCURRENT_CHANGE' });
    spec(changePassword)
      .given(created, { type: 'user.disabled', data: {} })
      .when({ via: 'RESET', passwordHash: 'h2' })
      .thenFails({ code: 'VALIDATION', field: 'token', reason: 'INVALID_TOKEN' });
    spec(changePassword).given().when({ via: 'RESET', passwordHash: 'h2' }).thenFails({ code: 'VALIDATION', reason: 'INVALID_TOKEN' });
  });
});
