import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYMENT_METHODS_AGGREGATE } from './topics';

export const PaymentMethodRemovedV1 = defineEvent({
  type: 'payment_method.removed',
  schemaVersion: 1,
  aggregateType: PAYMENT_METHODS_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'A payment method was removed (its gateway tokens are forgotten).',
  data: z.strictObject({ contactId: z.uuid(), paymentMethodId: z.uuid() }),
});
export type PaymentMethodRemovedV1 = EventOf<typeof PaymentMethodRemovedV1>;
