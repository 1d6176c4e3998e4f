import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PURCHASE_AGGREGATE, REWARDS_TOPIC } from './topics';
import { STEP_OUTCOMES } from './rewards-shapes';

export const PurchaseStepCompletedV1 = defineEvent({
  type: 'purchase.step_completed',
  schemaVersion: 1,
  aggregateType: PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A ledger step of a purchase is done: posted (with its ledger transaction), or written off / claimed when funds were short.',
  data: z.object({ key: z.string(), outcome: z.enum(STEP_OUTCOMES), transactionId: z.string().nullable() }),
});
export type PurchaseStepCompletedV1 = EventOf<typeof PurchaseStepCompletedV1>;
