import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DELIVERY_METHODS, money, ORDER_ACTIONS, ORDER_STATES, orderLine, payment, stage, SUPPLY_METHODS, totals } from './order-shapes';
import { ORDER_AGGREGATE, ORDERS_TOPIC } from './topics';

const base = { schemaVersion: 1, aggregateType: ORDER_AGGREGATE, topic: ORDERS_TOPIC } as const;

export const OrderPlacedV1 = defineEvent({
  ...base,
  type: 'order.placed',
  description:
    'An order was placed from an estimate (state NEW, first stage of its queue). Lines with classification TERMED_SERVICE carry the price terms a subscription is opened with.',
  data: z.object({
    number: z.string().regex(/^O\d{6,}$/),
    estimateId: z.string().uuid(),
    contactId: z.string().uuid(),
    accountId: z.string().uuid(),
    supplyMethod: z.enum(SUPPLY_METHODS),
    deliveryMethod: z.enum(DELIVERY_METHODS).nullable(),
    fulfilledBy: z.string().max(64).nullable(),
    addressId: z.string().max(64).nullable(),
    notes: z.string().max(2000).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    lines: z.array(orderLine).min(1).max(100),
    totals,
    /** Wallet funds captured for the order (the ledger transaction), or null. */
    walletFunds: z.object({ amount: money, transactionId: z.string().uuid() }).nullable(),
    amountToCollect: money,
    payments: z.array(payment).max(10),
    queueId: z.string().uuid(),
    stage,
  }),
});
export type OrderPlacedV1 = EventOf<typeof OrderPlacedV1>;

export const OrderProgressedV1 = defineEvent({
  ...base,
  type: 'order.progressed',
  description: 'The order moved to another stage of its queue, and so to the state that stage maps to.',
  data: z.object({ action: z.enum(ORDER_ACTIONS), state: z.enum(ORDER_STATES), stage }),
});
export type OrderProgressedV1 = EventOf<typeof OrderProgressedV1>;

export const OrderCancelledV1 = defineEvent({
  ...base,
  type: 'order.cancelled',
  description: 'The order was cancelled (with its reason); wallet funds it had captured were refunded by that ledger transaction.',
  data: z.object({
    cancellationReasonId: z.string().uuid().nullable(),
    stage,
    refund: z.object({ amount: money, transactionId: z.string().uuid() }).nullable(),
  }),
});
export type OrderCancelledV1 = EventOf<typeof OrderCancelledV1>;

export const OrderMarkedFavoriteV1 = defineEvent({
  ...base,
  type: 'order.marked_favorite',
  description: 'The contact marked the order as a favorite.',
  data: z.object({}),
});
export type OrderMarkedFavoriteV1 = EventOf<typeof OrderMarkedFavoriteV1>;
