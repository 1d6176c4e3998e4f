import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectWebhook } from './webhook-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const t1 = '2024-05-01T10:00:00.000Z';
const t2 = '2024-05-02T10:00:00.000Z';
const settings = { url: 'https://hooks.example.com/crm', events: ['contact.created'], description: 'CRM', enabled: true };

describe('webhook view projection', () => {
  it('a created endpoint becomes a view with its settings, version and time', () => {
    const view = projectWebhook(null, { type: 'webhook_endpoint.created', data: settings, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    assert.deepEqual(view, {
      id,
      version: 1,
      ...settings,
      disabledReason: null,
      deleted: false,
      createdAt: new Date(t1),
      updatedAt: new Date(t1),
    });
  });

  it('disabling by the platform shows the reason; enabling again by an update clears it', () => {
    const created = projectWebhook(null, { type: 'webhook_endpoint.created', data: settings, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    const disabled = projectWebhook(created, {
      type: 'webhook_endpoint.disabled',
      data: { reason: 'GONE', lastStatus: 410 },
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: t2,
    });
    assert.deepEqual([disabled.enabled, disabled.disabledReason, disabled.createdAt], [false, 'GONE', new Date(t1)]);
    const enabled = projectWebhook(disabled, {
      type: 'webhook_endpoint.updated',
      data: settings,
      aggregateId: id,
      aggregateVersion: 3,
      occurredAt: t2,
    });
    assert.deepEqual([enabled.enabled, enabled.disabledReason, enabled.version], [true, null, 3]);
  });

  it('a deleted endpoint is marked deleted and disabled; a rotation changes only the version', () => {
    const created = projectWebhook(null, { type: 'webhook_endpoint.created', data: settings, aggregateId: id, aggregateVersion: 1, occurredAt: t1 });
    const rotated = projectWebhook(created, {
      type: 'webhook_endpoint.secret_rotated',
      data: { previousSecretExpiresAt: t2 },
      aggregateId: id,
      aggregateVersion: 2,
      occurredAt: t2,
    });
    assert.deepEqual({ ...rotated, version: 1, updatedAt: created.updatedAt }, created);
    const deleted = projectWebhook(rotated, { type: 'webhook_endpoint.deleted', data: {}, aggregateId: id, aggregateVersion: 3, occurredAt: t2 });
    assert.deepEqual([deleted.deleted, deleted.enabled], [true, false]);
  });
});
