import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PURCHASE_AGGREGATE, REWARDS_TOPIC } from './topics';
import { purchaseStepShape } from './rewards-shapes';

export const PurchaseCancelledV1 = defineEvent({
  type: 'purchase.cancelled',
  schemaVersion: 1,
  aggregateType: PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A purchase was cancelled: the steps reversing its awards and its spend.',
  data: z.object({ steps: z.array(purchaseStepShape) }),
});
export type PurchaseCancelledV1 = EventOf<typeof PurchaseCancelledV1>;
