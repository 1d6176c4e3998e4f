import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ORDER_AGGREGATE, ORDERS_TOPIC } from './topics';

export const OrderCreatedV1 = defineEvent({
  type: 'order.created',
  schemaVersion: 1,
  aggregateType: ORDER_AGGREGATE,
  topic: ORDERS_TOPIC,
  description: 'A order was created.',
  data: z.object({ name: z.string().min(1).max(100) }),
});
export type OrderCreatedV1 = EventOf<typeof OrderCreatedV1>;
