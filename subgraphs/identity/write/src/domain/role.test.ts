import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { identityDeciders } from './decider-test-kit';
import { createRole, deleteRole, evolveRole, type RoleChange, updateRole } from './role';

const ID = '00000000-0000-4000-8000-0000000000b1';

const spec = identityDeciders(AGGREGATES.role, ID, evolveRole);

const ALL = ['contacts.read', 'contacts.write', 'users.read', 'users.manage'];
const created: RoleChange = { type: 'role.created', data: { name: 'Agent', permissions: ['contacts.read'], builtIn: false } };
const builtIn: RoleChange = { type: 'role.created', data: { name: 'owner', permissions: ['contacts.read'], builtIn: true } };
const free = { nameHeldBy: null, grantorPermissions: ALL };

describe('role deciders', () => {
  it('createRole: a free name and grantable catalogued permissions create a custom role', () => {
    const state = spec(createRole)
      .given()
      .when({ name: ' Agent ', permissions: ['contacts.read'], ...free })
      .then([created]);
    assert.deepEqual(state, { id: ID, name: 'Agent', builtIn: false, permissions: ['contacts.read'], version: 100, deleted: false });
  });

  it('createRole: refuses a taken name, an unknown permission and one the grantor does not hold', () => {
    spec(createRole)
      .given()
      .when({ name: 'Agent', permissions: [], ...free, nameHeldBy: 'other' })
      .thenFails({ code: 'CONFLICT', reason: 'ROLE_NAME_TAKEN' });
    spec(createRole)
      .given()
      .when({ name: 'Agent', permissions: ['contacts.delete'], ...free })
      .thenFails({ code: 'VALIDATION', field: 'permissions.0' });
    spec(createRole)
      .given()
      .when({ name: 'Agent', permissions: ['users.manage'], ...free, grantorPermissions: ['contacts.read'] })
      .thenFails({ code: 'FORBIDDEN' });
  });

  it('updateRole: carries only what changed; nothing changed is no event', () => {
    spec(updateRole)
      .given(created)
      .when({ id: ID, name: 'Agents', permissions: ['contacts.read'], ...free })
      .then([{ type: 'role.updated', data: { name: 'Agents' } }]);
    const state = spec(updateRole)
      .given(created)
      .when({ id: ID, permissions: ['contacts.read', 'users.read'], ...free })
      .then([{ type: 'role.updated', data: { permissions: ['contacts.read', 'users.read'] } }]);
    assert.deepEqual([state.name, state.permissions], ['Agent', ['contacts.read', 'users.read']]);
    spec(updateRole)
      .given(created)
      .when({ id: ID, name: 'Agent', permissions: ['contacts.read'], ...free })
      .then([]);
  });

  it('updateRole: only added permissions must be held by the grantor; built-in, missing and deleted roles are refused', () => {
    spec(updateRole)
      .given({ ...created, data: { ...created.data, permissions: ['users.manage'] } } as RoleChange)
      .when({ id: ID, permissions: ['users.manage', 'contacts.read'], ...free, grantorPermissions: ['contacts.read'] })
      .then([{ type: 'role.updated', data: { permissions: ['contacts.read', 'users.manage'] } }]);
    spec(updateRole)
      .given(builtIn)
      .when({ id: ID, name: 'x', ...free })
      .thenFails({ code: 'CONFLICT', reason: 'BUILT_IN_ROLE' });
    spec(updateRole)
      .given()
      .when({ id: ID, name: 'x', ...free })
      .thenFails({ code: 'NOT_FOUND' });
    spec(updateRole)
      .given(created, { type: 'role.deleted', data: {} })
      .when({ id: ID, name: 'x', ...free })
      .thenFails({ code: 'NOT_FOUND' });
  });

  it('deleteRole: an unused custom role is deleted; one in use or built in is refused', () => {
    const state = spec(deleteRole)
      .given(created)
      .when({ id: ID, users: 0, liveKeys: 0 })
      .then([{ type: 'role.deleted', data: {} }]);
    assert.equal(state.deleted, true);
    spec(deleteRole).given(created).when({ id: ID, users: 1, liveKeys: 0 }).thenFails({ code: 'CONFLICT', reason: 'ROLE_IN_USE' });
    spec(deleteRole).given(created).when({ id: ID, users: 0, liveKeys: 2 }).thenFails({ code: 'CONFLICT', reason: 'ROLE_IN_USE' });
    spec(deleteRole).given(builtIn).when({ id: ID, users: 0, liveKeys: 0 }).thenFails({ code: 'CONFLICT', reason: 'BUILT_IN_ROLE' });
  });
});
