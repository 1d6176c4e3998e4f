import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { WEBHOOK_AGGREGATE } from '@crm/event-bus/contracts/integrations';
import { deciderSpecification } from '@crm/platform/testing';
import { createWebhook, deleteWebhook, disableWebhook, rotateWebhookSecret, updateWebhook } from './webhook-commands';
import { evolve, signingSecrets, type WebhookChange, type WebhookState } from './webhook';

const at = new Date('2024-05-01T10:00:00.000Z');
const ID = '00000000-0000-4000-8000-000000000999';
const validate = (change: WebhookChange, version: number) =>
  registry.validate({
    id: '00000000-0000-4000-8000-000000000900',
    type: change.type,
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: WEBHOOK_AGGREGATE,
    aggregateId: ID,
    aggregateVersion: version,
    occurredAt: at.toISOString(),
    correlationId: 'corr-1',
    causationId: null,
    actor: { kind: 'user', id: 'u1' },
    data: change.data,
  });
const spec = <C>(decide: (s: WebhookState | null, c: C) => WebhookChange[]) =>
  deciderSpecification<WebhookState, WebhookChange, C>({ decide, evolve, at, validate });

const settings = { url: 'https://hooks.example.com/crm', events: ['contact.created'], description: null, enabled: true };
const secret = { sealed: 'sealed-1', expiresAt: null };
const created: WebhookChange = { type: 'webhook_endpoint.created', data: settings, stored: { secret } };

describe('webhook endpoint deciders', () => {
  it('creates an endpoint with its settings; the secret is stored beside the event, never in it', () => {
    spec(createWebhook).given().when({ settings, secret }).then([created]);
    const state = evolve(null, created, { version: 1, at });
    assert.deepEqual(state.secrets, [secret]);
    assert.ok(!JSON.stringify(created.data).includes('sealed'));
  });

  it('updates only when something changed, and refuses an endpoint that does not exist or was deleted', () => {
    spec(updateWebhook).given(created).when({ id: ID, settings }).then([]);
    spec(updateWebhook)
      .given(created)
      .when({ id: ID, settings: { ...settings, enabled: false } })
      .then([{ type: 'webhook_endpoint.updated', data: { ...settings, enabled: false } }]);
    spec(updateWebhook).given().when({ id: ID, settings }).thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
    spec(updateWebhook)
      .given(created, { type: 'webhook_endpoint.deleted', data: {} })
      .when({ id: ID, settings })
      .thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
  });

  it('deletes once', () => {
    spec(deleteWebhook)
      .given(created)
      .when({ id: ID })
      .then([{ type: 'webhook_endpoint.deleted', data: {} }]);
    spec(deleteWebhook)
      .given(created, { type: 'webhook_endpoint.deleted', data: {} })
      .when({ id: ID })
      .thenFails({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
  });

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
