import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { LEDGER_TOPIC, WALLET_AGGREGATE } from './topics';

export const WalletLinkedV1 = defineEvent({
  type: 'wallet.linked',
  schemaVersion: 1,
  aggregateType: WALLET_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "An existing wallet was linked to another contact of the tenant (the same person registered with a second business), who proved the wallet's identity with an OTP: that contact's wallet is this one from now on. `replacedWalletId`: the contact's own empty wallet it stops using.",
  data: z.object({ contactId: z.uuid(), replacedWalletId: z.uuid().nullable() }),
});
export type WalletLinkedV1 = EventOf<typeof WalletLinkedV1>;
