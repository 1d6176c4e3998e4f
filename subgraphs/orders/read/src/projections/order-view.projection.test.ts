import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectOrder } from './order-view.projection';

const id = '00000000-0000-4000-8000-000000000001';
const occurredAt = '2024-05-01T10:00:00.000Z';

describe('order view projection', () => {
  it('a created order becomes a view with its name, version and time', () => {
    const view = projectOrder(null, { type: 'order.created', data: { name: 'First' }, aggregateId: id, aggregateVersion: 1, occurredAt });
    assert.deepEqual(view, { id, version: 1, name: 'First', createdAt: new Date(occurredAt), updatedAt: new Date(occurredAt) });
  });
});
