import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { decimalString } from './rewards-shapes';
import { PROCESSOR_PURCHASE_AGGREGATE } from './processor-purchase-shapes';

export const ProcessorPurchaseReceivedV1 = defineEvent({
  type: 'processor_purchase.received',
  schemaVersion: 1,
  aggregateType: PROCESSOR_PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A transaction processor submitted a purchase without a contact; a contact may reclaim it (flow 13).',
  data: z.object({
    transactionCode: z.string().min(1).max(100),
    organisationId: z.string().nullable(),
    currency: z.string().length(3),
    amounts: z.object({ total: decimalString, net: decimalString, tax: decimalString.nullable(), discount: decimalString.nullable() }),
    classification: z.string().nullable(),
    purchasedAt: z.string(),
  }),
});
export type ProcessorPurchaseReceivedV1 = EventOf<typeof ProcessorPurchaseReceivedV1>;
