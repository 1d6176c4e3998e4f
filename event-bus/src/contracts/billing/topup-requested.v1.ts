import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, TOPUP_AGGREGATE } from './topics';
import { decimalSchema, GATEWAYS } from './billing-shapes';

export const TopupRequestedV1 = defineEvent({
  type: 'topup.requested',
  schemaVersion: 1,
  aggregateType: TOPUP_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "A top-up of a contact's wallet was asked for: the payment method is about to be charged.",
  data: z.strictObject({
    contactId: z.uuid(),
    walletId: z.uuid(),
    paymentMethodId: z.uuid(),
    gateway: z.enum(GATEWAYS),
    amount: decimalSchema,
    currency: z.string().regex(/^[A-Z]{3}$/),
    notes: z.string().max(500).nullable(),
  }),
});
export type TopupRequestedV1 = EventOf<typeof TopupRequestedV1>;
