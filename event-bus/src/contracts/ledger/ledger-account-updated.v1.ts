import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_ACCOUNT_AGGREGATE, LEDGER_TOPIC } from './topics';
import { positiveMinorSchema } from './ledger-shapes';

export const LedgerAccountUpdatedV1 = defineEvent({
  type: 'ledger_account.updated',
  schemaVersion: 1,
  aggregateType: LEDGER_ACCOUNT_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "A contact financial account's details after a change (the whole set): name, primary flag, classification, billing address, payment terms and credit limit (minor units; the account may go that far below zero).",
  data: z.object({
    name: z.string().min(1).max(100),
    isPrimary: z.boolean(),
    classificationId: z.string().max(64).nullable(),
    billingAddressId: z.string().max(64).nullable(),
    paymentTermsId: z.string().max(64).nullable(),
    creditLimit: positiveMinorSchema,
  }),
});
export type LedgerAccountUpdatedV1 = EventOf<typeof LedgerAccountUpdatedV1>;
