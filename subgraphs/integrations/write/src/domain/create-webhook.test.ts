import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhook } from './create-webhook';
import { evolve } from './webhook';
import { created, secret, settings, spec, at } from './decider-test-kit';

describe('createWebhook', () => {
  it('creates an endpoint with its settings; the secret is stored beside the event, never in it', () => {
    spec(createWebhook).given().when({ settings, secret }).then([created]);
    const state = evolve(null, created, { version: 1, at });
    assert.deepEqual(state.secrets, [secret]);
    assert.ok(!JSON.stringify(created.data).includes('sealed'));
  });
});
