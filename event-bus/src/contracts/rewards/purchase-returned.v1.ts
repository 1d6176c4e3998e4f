import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PURCHASE_AGGREGATE, REWARDS_TOPIC } from './topics';
import { decimalString, purchaseStepShape } from './rewards-shapes';

export const PurchaseReturnedV1 = defineEvent({
  type: 'purchase.returned',
  schemaVersion: 1,
  aggregateType: PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'Part of a purchase was returned: the net amount returned and the clawback steps (proportional to the awards).',
  data: z.object({ number: z.number().int().positive(), net: decimalString, steps: z.array(purchaseStepShape) }),
});
export type PurchaseReturnedV1 = EventOf<typeof PurchaseReturnedV1>;
