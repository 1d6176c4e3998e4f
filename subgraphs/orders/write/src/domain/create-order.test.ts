import { describe, it } from 'node:test';
import { registry } from '@crm/event-bus/contracts';
import { ORDER_AGGREGATE } from '@crm/event-bus/contracts/orders';
import { deciderSpecification } from '@crm/platform/testing';
import { type CreateOrder, createOrder } from './create-order';
import { evolve, type OrderChange, type OrderState } from './order';

const at = new Date('2024-05-01T10:00:00.000Z');
const { given } = deciderSpecification<OrderState, OrderChange, CreateOrder>({
  decide: createOrder,
  evolve,
  at,
  // every emitted change must be a valid event once it has its envelope
  validate: (change, version) =>
    registry.validate({
      id: '00000000-0000-4000-8000-000000000900',
      type: change.type,
      schemaVersion: 1,
      tenantId: 't1',
      aggregateType: ORDER_AGGREGATE,
      aggregateId: '00000000-0000-4000-8000-000000000999',
      aggregateVersion: version,
      occurredAt: at.toISOString(),
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'user', id: 'u1' },
      data: change.data,
    }),
});

describe('createOrder', () => {
  it('creates a order with its trimmed name', () => {
    given()
      .when({ name: '  First  ' })
      .then([{ type: 'order.created', data: { name: 'First' } }]);
  });

  it('refuses an empty name and one over 100 characters, naming the field', () => {
    given().when({ name: '   ' }).thenFails({ code: 'VALIDATION', field: 'name', reason: 'REQUIRED' });
    given()
      .when({ name: 'x'.repeat(101) })
      .thenFails({ code: 'VALIDATION', field: 'name', reason: 'TOO_LONG' });
    given()
      .when({ name: 'x'.repeat(100) })
      .then([{ type: 'order.created', data: { name: 'x'.repeat(100) } }]);
  });

  it('refuses to create a order that exists', () => {
    given({ type: 'order.created', data: { name: 'First' } })
      .when({ name: 'Again' })
      .thenFails({ code: 'CONFLICT', reason: 'ORDER_EXISTS' });
  });
});
