import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PURCHASE_AGGREGATE, REWARDS_TOPIC } from './topics';
import { decimalString, offerEvaluationShape, purchaseStepShape, RESOLUTIONS } from './rewards-shapes';

export const PurchasePostedV1 = defineEvent({
  type: 'purchase.posted',
  schemaVersion: 1,
  aggregateType: PURCHASE_AGGREGATE,
  topic: REWARDS_TOPIC,
  description:
    'A POS purchase was posted: its amounts, the spend already debited (if any), the award steps to post through the ledger and the offer engine’s explanation.',
  data: z.object({
    referenceNumber: z.string(),
    contactId: z.string(),
    organisationId: z.string().nullable(),
    currency: z.string().length(3),
    amounts: z.object({ total: decimalString, net: decimalString, tax: decimalString.nullable(), discount: decimalString.nullable() }),
    classification: z.string().nullable(),
    products: z.array(z.object({ sku: z.string(), category: z.string().nullable(), quantity: z.number().int().positive(), net: decimalString })),
    spend: z.object({ requested: decimalString, spent: decimalString, transactionId: z.string().nullable() }).nullable(),
    steps: z.array(purchaseStepShape),
    evaluations: z.array(offerEvaluationShape),
    resolutions: z.array(z.object({ schemeId: z.string(), rule: z.enum(RESOLUTIONS) })),
    purchasedAt: z.string(),
  }),
});
export type PurchasePostedV1 = EventOf<typeof PurchasePostedV1>;
