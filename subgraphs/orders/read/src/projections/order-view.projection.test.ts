import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registry } from '@crm/event-bus/contracts';
import { ORDER_AGGREGATE } from '@crm/event-bus/contracts/orders';
import { projectOrder } from './order-view.projection';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stage = (name: string, n: number) => ({ id: uuid(n), name });
const line = {
  id: uuid(20),
  productId: uuid(21),
  sku: 'BEANS',
  name: 'Beans',
  classification: 'NON_TRACEABLE_PHYSICAL_GOOD',
  priceTermsId: uuid(22),
  priceTerms: null,
  quantity: 2,
  unitPrice: '2.50',
  taxModel: 'TAX_INCLUSIVE' as const,
  net: '5.00',
  tax: '0.00',
  discount: '0.00',
  total: '5.00',
  notes: null,
};
const placed = {
  type: 'order.placed' as const,
  data: {
    number: 'O000001',
    estimateId: uuid(2),
    contactId: uuid(3),
    accountId: uuid(4),
    supplyMethod: 'PICK_UP' as const,
    deliveryMethod: null,
    fulfilledBy: null,
    addressId: null,
    notes: null,
    currency: 'EUR',
    lines: [line],
    totals: { net: '5.00', tax: '0.00', discount: '0.00', total: '5.00' },
    walletFunds: { amount: '3.00', transactionId: uuid(5) },
    amountToCollect: '2.00',
    payments: [],
    queueId: uuid(6),
    stage: stage('New', 7),
  },
};
const envelope = <T extends { type: string; data: unknown }>(e: T, version: number, minute: number) => {
  const full = {
    ...e,
    id: uuid(100 + version),
    schemaVersion: 1,
    tenantId: 't1',
    aggregateType: ORDER_AGGREGATE,
    aggregateId: uuid(1),
    aggregateVersion: version,
    occurredAt: `2026-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    correlationId: 'c',
    causationId: null,
    actor: { kind: 'user', id: 'u' },
  };
  registry.validate(full);
  return full as never;
};

describe('order view projection', () => {
  it('projects a placed order, its progress, favorite mark and cancellation with key dates', () => {
    let v = projectOrder(null, envelope(placed, 1, 0));
    assert.equal(v.state, 'NEW');
    assert.equal(v.submittedAt, '2026-05-01T10:00:00.000Z');
    v = projectOrder(
      v,
      envelope({ type: 'order.progressed', data: { action: 'START_PROGRESS', state: 'IN_PROGRESS', stage: stage('In progress', 8) } }, 2, 1),
    );
    v = projectOrder(v, envelope({ type: 'order.marked_favorite', data: {} }, 3, 2));
    v = projectOrder(
      v,
      envelope(
        {
          type: 'order.cancelled',
          data: { cancellationReasonId: uuid(9), stage: stage('Cancelled', 10), refund: { amount: '3.00', transactionId: uuid(11) } },
        },
        4,
        3,
      ),
    );
    assert.deepEqual(
      {
        state: v.state,
        stage: v.stage.name,
        fav: v.isFavorite,
        started: v.startedAt,
        cancelled: v.cancelledAt,
        reason: v.cancellationReasonId,
        version: v.version,
      },
      {
        state: 'CANCELLED',
        stage: 'Cancelled',
        fav: true,
        started: '2026-05-01T10:01:00.000Z',
        cancelled: '2026-05-01T10:03:00.000Z',
        reason: uuid(9),
        version: 4,
      },
    );
    assert.deepEqual(v.refund, { amount: '3.00', transactionId: uuid(11) });
  });

  it('completes an order', () => {
    const v = projectOrder(
      projectOrder(null, envelope(placed, 1, 0)),
      envelope({ type: 'order.progressed', data: { action: 'COMPLETE', state: 'COMPLETED', stage: stage('Completed', 12) } }, 2, 5),
    );
    assert.equal(v.state, 'COMPLETED');
    assert.equal(v.completedAt, '2026-05-01T10:05:00.000Z');
    assert.equal(v.startedAt, null);
  });
});
