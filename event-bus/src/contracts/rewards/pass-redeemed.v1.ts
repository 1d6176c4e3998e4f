import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { decimalString } from './rewards-shapes';
import { PASS_AGGREGATE } from './passes-shapes';

export const PassRedeemedV1 = defineEvent({
  type: 'pass.redeemed',
  schemaVersion: 1,
  aggregateType: PASS_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pass was redeemed (once) by a contact; its value is credited to the contact wallet through the ledger with ledgerKey.',
  data: z.object({
    contactId: z.string(),
    organisationId: z.string().nullable(),
    value: decimalString,
    currency: z.string().length(3),
    ledgerKey: z.string(),
    redeemedAt: z.string(),
  }),
});
export type PassRedeemedV1 = EventOf<typeof PassRedeemedV1>;
