import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { evolve, signingSecrets, type WebhookChange, type WebhookState } from './webhook';
import { at, created, ID, spec } from './decider-test-kit';

describe('rotateWebhookSecret', () => {
  it('rotation: the new secret signs, the previous one too until the overlap ends, then only the new one', () => {
    const next = { sealed: 'sealed-2', expiresAt: null };
    const rotated: WebhookChange = {
      type: 'webhook_endpoint.secret_rotated',
      data: { previousSecretExpiresAt: new Date(at.getTime() + 3_600_000).toISOString() },
      stored: { secret: next },
    };
    spec((s: WebhookState | null, c: { id: string; secret: typeof next; overlapMs: number }) => rotateWebhookSecret(s, c, at))
      .given(created)
      .when({ id: ID, secret: next, overlapMs: 3_600_000 })
      .then([rotated]);
    const state = evolve(evolve(null, created, { version: 1, at }), rotated, { version: 2, at });
    assert.deepEqual(
      signingSecrets(state, new Date(at.getTime() + 3_599_000)).map((s) => s.sealed),
      ['sealed-2', 'sealed-1'],
    );
    assert.deepEqual(
      signingSecrets(state, new Date(at.getTime() + 3_600_000)).map((s) => s.sealed),
      ['sealed-2'],
    );
  });
});
