import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_ACCOUNT_AGGREGATE, LEDGER_TOPIC } from './topics';
import { currencySchema, positiveMinorSchema } from './ledger-shapes';

export const LedgerAccountFundsReservedV1 = defineEvent({
  type: 'ledger_account.funds_reserved',
  schemaVersion: 1,
  aggregateType: LEDGER_ACCOUNT_AGGREGATE,
  topic: LEDGER_TOPIC,
  description: 'Funds of the account were reserved (blocked) until captured, released or expired; `blocked` is the total blocked after it.',
  data: z.object({
    reservationId: z.uuid(),
    amount: positiveMinorSchema,
    currency: currencySchema,
    blocked: positiveMinorSchema,
    expiresAt: z.iso.datetime().nullable(),
    reference: z.string().max(200).nullable(),
  }),
});
export type LedgerAccountFundsReservedV1 = EventOf<typeof LedgerAccountFundsReservedV1>;
