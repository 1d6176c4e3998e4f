import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { AppError } from '@crm/platform/errors';
import { generateApiKey } from '@crm/platform/security';
import { IdentityAuthenticator } from './credentials';
import type { IdentityClient, ResolvedKey } from './identity-client';

const resolved: ResolvedKey = { keyId: 'k1', tenantId: 't1', applicationId: 'a1', kind: 'secret', permissions: ['contacts.read'], expiresAt: null };

/** An identity client whose key resolution succeeds until `down` is set. */
function identity() {
  const state = { down: false, calls: 0 };
  const client = {
    async resolveKey() {
      state.calls++;
      if (state.down) throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      return resolved;
    },
    async jwks() {
      return [];
    },
  } as unknown as IdentityClient;
  return { state, client };
}

describe('IdentityAuthenticator when the identity service cannot answer', () => {
  it('refuses an api_key it has never seen with 503 UNAVAILABLE (not an unexpected error)', async () => {
    const { state, client } = identity();
    state.down = true;
    const auth = new IdentityAuthenticator(client, 'crm-platform', pino({ level: 'silent' }), null);
    await assert.rejects(
      auth.authenticate({ api_key: generateApiKey('secret', 'live').key }),
      (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE' && err.reason === 'AUTH_UNAVAILABLE',
    );
  });

  it('keeps a recently resolved key working on its last answer once the cache entry expired', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    const { state, client } = identity();
    const auth = new IdentityAuthenticator(client, 'crm-platform', pino({ level: 'silent' }), null);
    const key = generateApiKey('secret', 'live').key;
    assert.equal((await auth.authenticate({ api_key: key })).subjectId, 'k1');
    state.down = true;
    t.mock.timers.tick(90_000); // past the 60 s cache, within the 5 min grace
    assert.equal((await auth.authenticate({ api_key: key })).subjectId, 'k1');
    assert.equal(state.calls, 2, 'it did try the identity service again');
    t.mock.timers.tick(300_000); // past the grace
    await assert.rejects(auth.authenticate({ api_key: key }), (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE');
  });
});

describe('IdentityAuthenticator with a refresh token as the bearer value', () => {
  function refreshIdentity(answer: { tenantId: string } | null | { rateLimited: string } | 'down') {
    const seen: { token: string; clientIp: string | null }[] = [];
    const client = {
      async resolveKey() {
        return resolved;
      },
      async resolveRefreshToken(token: string, clientIp: string | null) {
        seen.push({ token, clientIp });
        if (answer === 'down') throw new Error('connect ECONNREFUSED');
        return answer;
      },
      async jwks() {
        return [];
      },
    } as unknown as IdentityClient;
    return { seen, auth: new IdentityAuthenticator(client, 'crm-platform', pino({ level: 'silent' }), null) };
  }
  const rejectsWith = (code: string, reason: string) => (err: unknown) => err instanceof AppError && err.code === code && err.reason === reason;

  it('makes the caller anonymous in the tenant of the token, without any api_key', async () => {
    const { seen, auth } = refreshIdentity({ tenantId: 't1' });
    const principal = await auth.authenticate({ authorization: 'Bearer crm_rt_abc' }, '10.0.0.7');
    assert.deepEqual(principal, { tenantId: 't1', kind: 'anonymous', subjectId: null, permissions: [] });
    assert.deepEqual(seen, [{ token: 'crm_rt_abc', clientIp: '10.0.0.7' }]);
  });

  it('accepts an api_key of the same tenant and refuses one of another tenant (401 TENANT_MISMATCH)', async () => {
    const key = generateApiKey('public', 'live').key;
    assert.equal((await refreshIdentity({ tenantId: 't1' }).auth.authenticate({ api_key: key, authorization: 'Bearer crm_rt_abc' })).tenantId, 't1');
    await assert.rejects(
      refreshIdentity({ tenantId: 't2' }).auth.authenticate({ api_key: key, authorization: 'Bearer crm_rt_abc' }),
      rejectsWith('UNAUTHENTICATED', 'TENANT_MISMATCH'),
    );
  });

  it('refuses unknown and oversized tokens (401), passes on the rate limit (429) and an unreachable identity (503)', async () => {
    await assert.rejects(
      refreshIdentity(null).auth.authenticate({ authorization: 'Bearer crm_rt_unknown' }),
      rejectsWith('UNAUTHENTICATED', 'INVALID_REFRESH_TOKEN'),
    );
    const long = refreshIdentity({ tenantId: 't1' });
    await assert.rejects(
      long.auth.authenticate({ authorization: `Bearer crm_rt_${'x'.repeat(200)}` }),
      rejectsWith('UNAUTHENTICATED', 'INVALID_REFRESH_TOKEN'),
    );
    assert.equal(long.seen.length, 0, 'an oversized token is refused before any lookup');
    await assert.rejects(
      refreshIdentity({ rateLimited: 'too many attempts; try again in 900 seconds' }).auth.authenticate({ authorization: 'Bearer crm_rt_x' }),
      rejectsWith('RATE_LIMITED', 'TOO_MANY_ATTEMPTS'),
    );
    await assert.rejects(
      refreshIdentity('down').auth.authenticate({ authorization: 'Bearer crm_rt_x' }),
      rejectsWith('UNAVAILABLE', 'AUTH_UNAVAILABLE'),
    );
  });
});
