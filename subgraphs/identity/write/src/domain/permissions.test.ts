import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BACK_OFFICE_PERMISSIONS, definePermissions, PERMISSION_CATALOGUE } from '@crm/platform/auth';
import { AppError } from '@crm/platform/errors';
import { BUILT_IN_ROLES, builtInRoles, permissionsOfRoles, rolePermissions } from './permissions';
import { checkRolePermissions } from './roles';

const role = (roles: ReturnType<typeof builtInRoles>, name: string) => roles.find((r) => r.name === name)!.permissions;

describe('built-in roles and the permission catalogue', () => {
  it('admin (the role of the admin secret key) holds every Back-Office permission of every domain', () => {
    assert.deepEqual([...role(BUILT_IN_ROLES as ReturnType<typeof builtInRoles>, 'admin')].sort(), [...BACK_OFFICE_PERMISSIONS].sort());
    for (const domain of Object.keys(PERMISSION_CATALOGUE)) {
      const perms = Object.keys(PERMISSION_CATALOGUE[domain as keyof typeof PERMISSION_CATALOGUE]);
      for (const p of perms) assert.ok(role(BUILT_IN_ROLES as ReturnType<typeof builtInRoles>, 'admin').includes(p), `${domain}: ${p}`);
    }
  });

  it('a permission a domain adds to the catalogue is held by admin and owner with no other edit', () => {
    const grown = definePermissions({
      ...PERMISSION_CATALOGUE,
      ledger: { 'ledger.read': { description: 'Read the ledger' }, 'ledger.post': { description: 'Post journal entries' } },
      portal: { 'portal.preview': { description: 'Self-Service only', backOffice: false } },
    });
    const roles = builtInRoles(grown);
    for (const name of ['admin', 'owner']) {
      assert.ok(role(roles, name).includes('ledger.read'), name);
      assert.ok(role(roles, name).includes('ledger.post'), name);
    }
    assert.ok(!role(roles, 'admin').includes('portal.preview'), 'admin holds Back-Office permissions only');
    assert.ok(!role(roles, 'agent').includes('ledger.read'), 'other built-in roles keep their list');
  });

  it('a stored built-in role grants what the catalogue gives it now; a custom role grants what it stores', () => {
    const grown = builtInRoles(definePermissions({ ...PERMISSION_CATALOGUE, ledger: { 'ledger.read': { description: 'Read the ledger' } } }));
    // stored when the tenant was created, before the ledger domain existed
    const storedAdmin = { name: 'admin', builtIn: true, permissions: ['contacts.read'] };
    const custom = { name: 'admin-like', builtIn: false, permissions: ['contacts.read'] };
    assert.ok(rolePermissions(storedAdmin, grown).includes('ledger.read'));
    assert.deepEqual([...rolePermissions(storedAdmin, grown)], role(grown, 'admin'));
    assert.deepEqual(rolePermissions(custom, grown), ['contacts.read']);
    assert.deepEqual(
      rolePermissions({ name: 'gone', builtIn: true, permissions: ['users.read'] }, grown),
      ['users.read'],
      'an unknown built-in keeps its list',
    );
    assert.deepEqual(
      permissionsOfRoles([custom, { name: 'finance', builtIn: true, permissions: [] }], grown),
      [...new Set([...role(grown, 'finance'), 'contacts.read'])].sort(),
      'the sorted union of the roles',
    );
  });

  it('refuses a catalogue declaring a permission twice or with a malformed name', () => {
    assert.throws(() => definePermissions({ a: { 'x.read': { description: 'x' } }, b: { 'x.read': { description: 'x' } } }), /declared twice/);
    assert.throws(() => definePermissions({ a: { Read: { description: 'x' } } }), /not <area>\.<action>/);
  });

  it('a role naming an unknown permission is a 400 naming the entry', () => {
    assert.throws(
      () => checkRolePermissions(['contacts.read', 'contacts.delete']),
      (err: unknown) => err instanceof AppError && err.code === 'VALIDATION' && err.reason === 'UNKNOWN_PERMISSION' && err.field === 'permissions.1',
    );
  });
});
