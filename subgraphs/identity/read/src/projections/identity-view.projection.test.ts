import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { identityStatements } from './identity-view.projection';

const base = { tenantId: 't1', aggregateId: '00000000-0000-4000-8000-000000000001', occurredAt: '2026-01-01T00:00:00.000Z' };

describe('identity read projection', () => {
  it('scopes every statement to the tenant (first parameter)', () => {
    const events = [
      { ...base, type: 'tenant.created', data: { name: 'T' } },
      { ...base, type: 'user.created', data: { email: 'a@b.c', firstName: null, lastName: null, roleIds: [], teamIds: [] } },
      { ...base, type: 'user.updated', data: { firstName: 'X' } },
      { ...base, type: 'user.disabled', data: {} },
      { ...base, type: 'role.created', data: { name: 'r', permissions: ['users.read'], builtIn: false } },
      { ...base, type: 'role.deleted', data: {} },
      { ...base, type: 'api_key.revoked', data: { reason: null } },
      {
        ...base,
        type: 'identity_provider.configured',
        data: {
          kind: 'FACEBOOK',
          type: 'facebook',
          issuer: null,
          graphBaseUrl: 'https://graph.facebook.com/v19.0',
          clientId: '42',
          redirectUris: [],
          scopes: null,
          hasSecret: true,
        },
      },
      { ...base, type: 'identity_provider.removed', data: { kind: 'FACEBOOK', type: 'facebook' } },
    ] as Parameters<typeof identityStatements>[0][];
    for (const e of events) {
      const statements = identityStatements(e);
      assert.equal(statements.length, 1, e.type);
      assert.equal(statements[0]!.params[0], 't1', e.type);
      assert.match(statements[0]!.sql, /tenant_id/, e.type);
    }
  });

  it('updates only the fields a user.updated event carries', () => {
    const [s] = identityStatements({ ...base, type: 'user.updated', data: { roleIds: ['r1'] } } as Parameters<typeof identityStatements>[0]);
    assert.ok(s);
    assert.doesNotMatch(s.sql, /first_name/);
    assert.match(s.sql, /role_ids = \$4::jsonb/);
    assert.deepEqual(s.params.slice(3), ['["r1"]']);
  });

  it('ignores events this side does not model', () => {
    assert.deepEqual(
      identityStatements({
        ...base,
        type: 'session.revoked',
        data: { subjectKind: 'user', subjectId: 'x', reason: 'SIGN_OUT' },
      } as unknown as Parameters<typeof identityStatements>[0]),
      [],
    );
  });
});
