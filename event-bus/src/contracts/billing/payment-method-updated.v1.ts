import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYMENT_METHODS_AGGREGATE } from './topics';
import { paymentMethodSchema } from './billing-shapes';

export const PaymentMethodUpdatedV1 = defineEvent({
  type: 'payment_method.updated',
  schemaVersion: 1,
  aggregateType: PAYMENT_METHODS_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'A payment method changed (name, notes, card expiry); the whole method after the change.',
  data: z.strictObject({ contactId: z.uuid(), method: paymentMethodSchema }),
});
export type PaymentMethodUpdatedV1 = EventOf<typeof PaymentMethodUpdatedV1>;
