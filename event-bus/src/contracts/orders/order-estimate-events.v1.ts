import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DELIVERY_METHODS, ESTIMATE_PAYMENT_METHOD_TYPES, invalidProduct, orderLine, SUPPLY_METHODS, totals, walletHold } from './order-shapes';
import { ORDER_ESTIMATE_AGGREGATE, ORDERS_TOPIC } from './topics';

const base = { schemaVersion: 1, aggregateType: ORDER_ESTIMATE_AGGREGATE, topic: ORDERS_TOPIC } as const;

export const OrderEstimateCreatedV1 = defineEvent({
  ...base,
  type: 'order_estimate.created',
  description:
    'An order was estimated: its priced lines, the products left out with their reason, totals, and the wallet funds reserved for it until it expires.',
  data: z.object({
    contactId: z.string().uuid(),
    accountId: z.string().uuid(),
    supplyMethod: z.enum(SUPPLY_METHODS),
    deliveryMethod: z.enum(DELIVERY_METHODS).nullable(),
    paymentMethodType: z.enum(ESTIMATE_PAYMENT_METHOD_TYPES),
    fulfilledBy: z.string().max(64).nullable(),
    addressId: z.string().max(64).nullable(),
    notes: z.string().max(2000).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    lines: z.array(orderLine).max(100),
    invalidProducts: z.array(invalidProduct).max(100),
    totals,
    wallet: walletHold.nullable(),
    expiresAt: z.string().datetime(),
  }),
});
export type OrderEstimateCreatedV1 = EventOf<typeof OrderEstimateCreatedV1>;

export const OrderEstimateOrderedV1 = defineEvent({
  ...base,
  type: 'order_estimate.ordered',
  description: 'The estimate became an order (an estimate is ordered at most once).',
  data: z.object({ orderId: z.string().uuid() }),
});
export type OrderEstimateOrderedV1 = EventOf<typeof OrderEstimateOrderedV1>;
