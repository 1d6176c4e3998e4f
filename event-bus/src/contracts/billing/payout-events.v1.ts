import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYOUT_AGGREGATE } from './topics';
import { decimalSchema, GATEWAYS } from './billing-shapes';

export const PayoutRequestedV1 = defineEvent({
  type: 'payout.requested',
  schemaVersion: 1,
  aggregateType: PAYOUT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "A payout from a contact's wallet to one of its payment methods was asked for: the wallet is about to be debited.",
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
export type PayoutRequestedV1 = EventOf<typeof PayoutRequestedV1>;

export const PayoutDebitedV1 = defineEvent({
  type: 'payout.debited',
  schemaVersion: 1,
  aggregateType: PAYOUT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The ledger debited the wallet's OPEN pocket into PAYOUT_CLEARING (transaction type PAYOUT), once.",
  data: z.strictObject({ ledgerTransactionId: z.uuid() }),
});
export type PayoutDebitedV1 = EventOf<typeof PayoutDebitedV1>;

export const PayoutPaidV1 = defineEvent({
  type: 'payout.paid',
  schemaVersion: 1,
  aggregateType: PAYOUT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The gateway paid the money out to the contact's payment method (its reference).",
  data: z.strictObject({ gatewayPayoutId: z.string().min(1).max(255) }),
});
export type PayoutPaidV1 = EventOf<typeof PayoutPaidV1>;

export const PayoutFailedV1 = defineEvent({
  type: 'payout.failed',
  schemaVersion: 1,
  aggregateType: PAYOUT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The payout did not happen: refused before the debit, or the gateway refused it and the debit was reversed (once).',
  data: z.strictObject({
    code: z.string().min(1).max(100),
    reason: z.string().min(1).max(500),
    reversalTransactionId: z.uuid().nullable(),
  }),
});
export type PayoutFailedV1 = EventOf<typeof PayoutFailedV1>;
