import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { BILLING_TOPIC, TOPUP_AGGREGATE } from './topics';

export const TopupCompletedV1 = defineEvent({
  type: 'topup.completed',
  schemaVersion: 1,
  aggregateType: TOPUP_AGGREGATE,
  topic: BILLING_TOPIC,
  description: "The ledger credited the wallet's OPEN pocket from TOPUP_CLEARING (transaction type TOP_UP).",
  data: z.strictObject({ ledgerTransactionId: z.uuid() }),
});
export type TopupCompletedV1 = EventOf<typeof TopupCompletedV1>;
