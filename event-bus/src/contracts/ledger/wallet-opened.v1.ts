import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_TOPIC, WALLET_AGGREGATE } from './topics';
import { currencySchema } from './ledger-shapes';

export const WalletOpenedV1 = defineEvent({
  type: 'wallet.opened',
  schemaVersion: 1,
  aggregateType: WALLET_AGGREGATE,
  topic: LEDGER_TOPIC,
  description: "A contact's wallet was opened (once per contact), with its 16-digit code and its pockets' account ids.",
  data: z.object({
    contactId: z.uuid(),
    code: z.string().regex(/^\d{16}$/),
    currency: currencySchema,
    openAccountId: z.uuid(),
    businessAccountId: z.uuid(),
    primaryAccountId: z.uuid(),
  }),
});
export type WalletOpenedV1 = EventOf<typeof WalletOpenedV1>;
