import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disableWebhook } from './disable-webhook';
import { evolve, type WebhookChange } from './webhook';
import { at, created, ID, settings, spec } from './decider-test-kit';

describe('disableWebhook', () => {
  it('the platform disables an enabled endpoint once, with its reason; enabling again by an update clears it', () => {
    const disabled: WebhookChange = { type: 'webhook_endpoint.disabled', data: { reason: 'GONE', lastStatus: 410 } };
    spec(disableWebhook).given(created).when({ id: ID, reason: 'GONE', lastStatus: 410 }).then([disabled]);
    spec(disableWebhook).given(created, disabled).when({ id: ID, reason: 'FAILING', lastStatus: 500 }).then([]);
    const off = evolve(evolve(null, created, { version: 1, at }), disabled, { version: 2, at });
    assert.deepEqual([off.enabled, off.disabledReason], [false, 'GONE']);
    const on = evolve(off, { type: 'webhook_endpoint.updated', data: settings }, { version: 3, at });
    assert.deepEqual([on.enabled, on.disabledReason], [true, null]);
  });
});
