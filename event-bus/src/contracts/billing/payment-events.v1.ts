import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, PAYMENT_AGGREGATE } from './topics';
import { decimalSchema, GATEWAYS } from './billing-shapes';

const currency = z.string().regex(/^[A-Z]{3}$/);

export const PaymentRequestedV1 = defineEvent({
  type: 'payment.requested',
  schemaVersion: 1,
  aggregateType: PAYMENT_AGGREGATE,
  topic: BILLING_TOPIC,
  description:
    "A payment of a contact's account was asked for: the payment method is about to be charged (or, for an intent the gateway settled, was charged already).",
  data: z.strictObject({
    contactId: z.uuid(),
    accountId: z.uuid(),
    paymentMethodId: z.uuid().nullable(),
    gateway: z.enum(GATEWAYS),
    amount: decimalSchema,
    currency,
    code: z.string().min(1).max(64),
    notes: z.string().max(500).nullable(),
    /** The gateway's payment intent this payment settles (null for a direct charge). */
    intentId: z.string().max(255).nullable(),
  }),
});
export type PaymentRequestedV1 = EventOf<typeof PaymentRequestedV1>;

export const PaymentChargedV1 = defineEvent({
  type: 'payment.charged',
  schemaVersion: 1,
  aggregateType: PAYMENT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The gateway took the money (its charge or intent reference); the account credit is owed.',
  data: z.strictObject({ chargeId: z.string().min(1).max(255) }),
});
export type PaymentChargedV1 = EventOf<typeof PaymentChargedV1>;

export const PaymentDeclinedV1 = defineEvent({
  type: 'payment.declined',
  schemaVersion: 1,
  aggregateType: PAYMENT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: 'The gateway declined the charge: nothing moved.',
  data: z.strictObject({ code: z.string().min(1).max(100), reason: z.string().min(1).max(500) }),
});
export type PaymentDeclinedV1 = EventOf<typeof PaymentDeclinedV1>;

export const PaymentPostedV1 = defineEvent({
  type: 'payment.posted',
  schemaVersion: 1,
  aggregateType: PAYMENT_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The ledger credited the contact's account from TOPUP_CLEARING (transaction type PAYMENT), once.",
  data: z.strictObject({ ledgerTransactionId: z.uuid() }),
});
export type PaymentPostedV1 = EventOf<typeof PaymentPostedV1>;

export const PaymentRefundedV1 = defineEvent({
  type: 'payment.refunded',
  schemaVersion: 1,
  aggregateType: PAYMENT_AGGREGATE,
  topic: BILLING_TOPIC,
  description:
    'Money went back to the payer: the gateway refunded (its refund reference) and the ledger debited the account (type REFUND), once per refund. A void refunds the whole payment and cancels it.',
  data: z.strictObject({
    refundId: z.uuid(),
    gatewayRefundId: z.string().min(1).max(255),
    amount: decimalSchema,
    ledgerTransactionId: z.uuid(),
    void: z.boolean(),
    notes: z.string().max(500).nullable(),
  }),
});
export type PaymentRefundedV1 = EventOf<typeof PaymentRefundedV1>;
