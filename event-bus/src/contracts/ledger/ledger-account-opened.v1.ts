import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_ACCOUNT_AGGREGATE, LEDGER_TOPIC } from './topics';
import { ACCOUNT_KINDS, currencySchema, minorSchema, POCKETS, SYSTEM_ACCOUNTS } from './ledger-shapes';

export const LedgerAccountOpenedV1 = defineEvent({
  type: 'ledger_account.opened',
  schemaVersion: 1,
  aggregateType: LEDGER_ACCOUNT_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    'A ledger account was opened: a wallet pocket, a contact financial account or a tenant system account. `minBalance` is the lowest balance it may reach (null: unbounded, system accounts).',
  data: z.object({
    kind: z.enum(ACCOUNT_KINDS),
    walletId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    pocket: z.enum(POCKETS).nullable(),
    commercePoolId: z.string().min(1).max(64).nullable(),
    systemAccount: z.enum(SYSTEM_ACCOUNTS).nullable(),
    currency: currencySchema,
    name: z.string().min(1).max(100),
    isPrimary: z.boolean(),
    minBalance: minorSchema.nullable(),
  }),
});
export type LedgerAccountOpenedV1 = EventOf<typeof LedgerAccountOpenedV1>;
