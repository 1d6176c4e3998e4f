import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { createApiKey, evolveApiKey, revokeApiKey, rotateApiKey, type ApiKeyChange } from './api-key';
import { identityDeciders, T0 } from './decider-test-kit';

/** A valid (v4-shaped) UUID numbered `n`. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ID = uuid(1);
const APP = uuid(2);
const ROLE = uuid(3);
const NEXT = uuid(4);
const spec = identityDeciders(AGGREGATES.apiKey, ID, evolveApiKey);

const generated = { prefix: 'sk_live_', last4: 'abcd', keyHash: 'hash-of-the-key' };
const secret = { applicationId: APP, kind: 'secret' as const, env: 'live' as const, name: 'Billing', roleId: ROLE, expiresAt: null };
const found = { applicationExists: true, roleExists: true, now: T0, generated };
const created: ApiKeyChange = {
  type: 'api_key.created',
  data: { applicationId: APP, kind: 'secret', env: 'live', name: 'Billing', prefix: 'sk_live_', last4: 'abcd', roleId: ROLE, expiresAt: null },
  stored: { keyHash: 'hash-of-the-key' },
};
const inDays = (days: number) => new Date(T0.getTime() + days * 86_400_000);

describe('API key deciders', () => {
  it('createApiKey: a secret key bound to a live role of an existing application', () => {
    const state = spec(createApiKey)
      .given()
      .when({ ...secret, ...found })
      .then([created]);
    assert.deepEqual([state.revoked, state.keyHash, state.createdAt], [false, 'hash-of-the-key', T0]);
    const expiring = spec(createApiKey)
      .given()
      .when({ ...secret, expiresAt: inDays(1), ...found })
      .events();
    assert.equal((expiring[0]!.data as { expiresAt: string }).expiresAt, inDays(1).toISOString());
  });

  it('createApiKey: refuses a secret key without a role, a public key with one, unknown application or role, a past expiry', () => {
    const create = spec(createApiKey).given();
    create
      .when({ ...secret, roleId: null, ...found, applicationExists: false })
      .thenFails({ code: 'VALIDATION', field: 'roleId', reason: 'REQUIRED' });
    create.when({ ...secret, kind: 'public', ...found }).thenFails({ code: 'VALIDATION', field: 'roleId', reason: 'INVALID_VALUE' });
    create.when({ ...secret, ...found, applicationExists: false, roleExists: false }).thenFails({ code: 'NOT_FOUND', message: /application/ });
    create.when({ ...secret, ...found, roleExists: false }).thenFails({ code: 'NOT_FOUND', message: /role/ });
    create.when({ ...secret, expiresAt: T0, ...found }).thenFails({ code: 'VALIDATION', field: 'expiresAt', reason: 'INVALID_DATE' });
  });

  it('rotateApiKey: names the replacement; the old key works up to 30 days more', () => {
    const state = spec(rotateApiKey)
      .given(created)
      .when({ id: ID, oldKeyExpiresAt: inDays(30), now: T0, replacedById: NEXT })
      .then([{ type: 'api_key.rotated', data: { replacedById: NEXT, oldKeyExpiresAt: inDays(30).toISOString() } }]);
    assert.deepEqual([state.replacedById, state.expiresAt], [NEXT, inDays(30)]);
    const rotate = spec(rotateApiKey).given(created);
    rotate.when({ id: ID, oldKeyExpiresAt: inDays(31), now: T0, replacedById: NEXT }).thenFails({ code: 'VALIDATION', reason: 'INVALID_DATE' });
    rotate.when({ id: ID, oldKeyExpiresAt: inDays(-1), now: T0, replacedById: NEXT }).thenFails({ code: 'VALIDATION', field: 'oldKeyExpiresAt' });
  });

  it('revokeApiKey / rotateApiKey: a revoked or missing key is not found', () => {
    const state = spec(revokeApiKey)
      .given(created)
      .when({ id: ID, reason: null })
      .then([{ type: 'api_key.revoked', data: { reason: null } }]);
    assert.deepEqual([state.revoked, state.revokedAt], [true, T0]);
    const revoked: ApiKeyChange = { type: 'api_key.revoked', data: { reason: 'leaked' } };
    spec(revokeApiKey).given(created, revoked).when({ id: ID, reason: null }).thenFails({ code: 'NOT_FOUND' });
    spec(revokeApiKey).given().when({ id: ID, reason: null }).thenFails({ code: 'NOT_FOUND' });
    spec(rotateApiKey)
      .given(created, revoked)
      .when({ id: ID, oldKeyExpiresAt: inDays(1), now: T0, replacedById: NEXT })
      .thenFails({ code: 'NOT_FOUND' });
  });
});
