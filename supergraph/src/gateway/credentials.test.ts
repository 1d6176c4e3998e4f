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
    await assert.rejects(auth.authenticate({ api_key: generateApiKey('secret', 'live').key }), (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE' && err.reason === 'AUTH_UNAVAILABLE');
  });

  it("keeps a recently resolved key working on its last answer once the cache entry expired", async (t) => {
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
