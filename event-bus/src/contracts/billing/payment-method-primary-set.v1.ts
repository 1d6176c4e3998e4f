import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYMENT_METHODS_AGGREGATE } from './topics';

export const PaymentMethodPrimarySetV1 = defineEvent({
  type: 'payment_method.primary_set',
  schemaVersion: 1,
  aggregateType: PAYMENT_METHODS_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The contact's primary payment method (used for recurring payments) is now this one.",
  data: z.strictObject({ contactId: z.uuid(), paymentMethodId: z.uuid() }),
});
export type PaymentMethodPrimarySetV1 = EventOf<typeof PaymentMethodPrimarySetV1>;
