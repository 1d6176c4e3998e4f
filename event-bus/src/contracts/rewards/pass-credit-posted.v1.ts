import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PASS_AGGREGATE } from './passes-shapes';

export const PassCreditPostedV1 = defineEvent({
  type: 'pass.credit_posted',
  schemaVersion: 1,
  aggregateType: PASS_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'The ledger credited the value of a redeemed pass (its transaction).',
  data: z.object({ transactionId: z.string() }),
});
export type PassCreditPostedV1 = EventOf<typeof PassCreditPostedV1>;
