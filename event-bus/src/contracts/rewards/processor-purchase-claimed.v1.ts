import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PROCESSOR_PURCHASE_AGGREGATE } from './processor-purchase-shapes';

export const ProcessorPurchaseClaimedV1 = defineEvent({
  type: 'processor_purchase.claimed',
  schemaVersion: 1,
  aggregateType: PROCESSOR_PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact reclaimed a processor-submitted purchase (once): the purchase posted for it, with its awards.',
  data: z.object({ contactId: z.string(), purchaseId: z.string() }),
});
export type ProcessorPurchaseClaimedV1 = EventOf<typeof ProcessorPurchaseClaimedV1>;
