import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYMENT_METHODS_AGGREGATE } from './topics';
import { paymentMethodSchema } from './billing-shapes';

export const PaymentMethodAddedV1 = defineEvent({
  type: 'payment_method.added',
  schemaVersion: 1,
  aggregateType: PAYMENT_METHODS_AGGREGATE,
  topic: BILLING_TOPIC,
  description:
    'A contact added a payment method (a card is first6/last4/brand/expiry and gateway tokens only). `primary`: it became the primary one.',
  data: z.strictObject({ contactId: z.uuid(), method: paymentMethodSchema, primary: z.boolean() }),
});
export type PaymentMethodAddedV1 = EventOf<typeof PaymentMethodAddedV1>;
