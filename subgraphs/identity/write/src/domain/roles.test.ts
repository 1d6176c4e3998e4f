import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@crm/platform/errors';
import { assertGrantable, checkRoleName, checkRolePermissions, sameSet, ungrantable } from './roles';
import { ALL_PERMISSIONS, BUILT_IN_ROLES, isCatalogued } from './permissions';
import { requireUuid, requireUuids } from './ids';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('role permissions', () => {
  it('accepts catalogued permissions, drops duplicates and returns them in catalogue order', () => {
    assert.deepEqual(checkRolePermissions(['users.read', 'contacts.read', 'users.read']), ['contacts.read', 'users.read']);
    assert.deepEqual(checkRolePermissions([]), []);
    assert.deepEqual(checkRolePermissions([...ALL_PERMISSIONS].reverse()), [...ALL_PERMISSIONS]);
  });

  it('refuses an unknown permission, naming its index', () => {
    for (const [perms, field] of [
      [['contacts.read', 'contacts.delete'], 'permissions.1'],
      [['*'], 'permissions.0'],
      [['contacts.read', 'users.read', 'Contacts.Read'], 'permissions.2'],
      [['contacts.read', ' contacts.write'], 'permissions.1'],
    ] as const) {
      const err = refusal(() => checkRolePermissions(perms));
      assert.equal(err.code, 'VALIDATION');
      assert.equal(err.field, field);
      assert.equal(err.reason, 'UNKNOWN_PERMISSION');
    }
  });

  it('refuses more than 200 entries', () => {
    assert.equal(refusal(() => checkRolePermissions(Array.from({ length: 201 }, () => 'contacts.read'))).reason, 'TOO_MANY');
  });

  it('every built-in role only holds catalogued permissions', () => {
    for (const role of BUILT_IN_ROLES) for (const p of role.permissions) assert.ok(isCatalogued(p), `${role.name}: ${p}`);
  });

  it('a grantor cannot hand out what they do not hold; * holds everything', () => {
    assert.deepEqual(ungrantable(['contacts.read'], ['contacts.read', 'keys.manage', 'keys.manage']), ['keys.manage']);
    assert.deepEqual(ungrantable(['*'], [...ALL_PERMISSIONS]), []);
    assert.doesNotThrow(() => assertGrantable(['roles.manage', 'contacts.read'], ['contacts.read']));
    const err = refusal(() => assertGrantable(['roles.manage'], ['users.manage']));
    assert.equal(err.code, 'FORBIDDEN');
    assert.equal(err.reason, 'PERMISSION_NOT_HELD');
  });

  it('compares permission sets regardless of order', () => {
    assert.ok(sameSet(['a.b', 'c.d'], ['c.d', 'a.b']));
    assert.ok(!sameSet(['a.b'], ['a.b', 'c.d']));
  });
});

describe('role names', () => {
  it('trims and bounds the name', () => {
    assert.equal(checkRoleName('  Support  '), 'Support');
    assert.equal(refusal(() => checkRoleName('   ')).field, 'name');
    assert.equal(refusal(() => checkRoleName('x'.repeat(101))).code, 'VALIDATION');
    assert.equal(refusal(() => checkRoleName('a\u0000b')).reason, 'INVALID_CHARACTERS');
  });
});

describe('id arguments', () => {
  it('accepts UUIDs (lower-cased) and names the offending field otherwise', () => {
    assert.equal(requireUuid('id', '01A227F4-E519-7789-B317-458840F724C9'), '01a227f4-e519-7789-b317-458840f724c9');
    for (const bad of ['', 'x', "1' OR '1'='1", '01a227f4e5197789b317458840f724c9', null, 42]) {
      const err = refusal(() => requireUuid('parentId', bad));
      assert.equal(err.code, 'VALIDATION');
      assert.equal(err.field, 'parentId');
    }
    assert.equal(refusal(() => requireUuids('roleIds', ['01a227f4-e519-7789-b317-458840f724c9', 'nope'])).field, 'roleIds.1');
  });
});
