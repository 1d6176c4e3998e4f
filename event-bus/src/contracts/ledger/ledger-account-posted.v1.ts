import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_ACCOUNT_AGGREGATE, LEDGER_TOPIC } from './topics';
import { currencySchema, lotSchema, minorSchema, positiveMinorSchema, TRANSACTION_TYPES } from './ledger-shapes';

export const LedgerAccountPostedV1 = defineEvent({
  type: 'ledger_account.posted',
  schemaVersion: 1,
  aggregateType: LEDGER_ACCOUNT_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "One posting of a balanced ledger transaction on this account (amounts in minor units: `amount` is signed, + credit, - debit), with the account's balance and blocked amount after it, the lot a credit opened and the lots a debit consumed (earliest expiry first).",
  data: z.object({
    transactionId: z.uuid(),
    transactionType: z.enum(TRANSACTION_TYPES),
    amount: minorSchema,
    currency: currencySchema,
    balance: minorSchema,
    blocked: positiveMinorSchema,
    lot: lotSchema.nullable(),
    consumedLots: z.array(z.object({ lotId: z.uuid(), amount: positiveMinorSchema })).max(10000),
    reversesTransactionId: z.uuid().nullable(),
    reservationId: z.uuid().nullable(),
    notes: z.string().max(500).nullable(),
    reference: z.string().max(200).nullable(),
  }),
});
export type LedgerAccountPostedV1 = EventOf<typeof LedgerAccountPostedV1>;
