import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMERCE_POOL_AGGREGATE, LEDGER_TOPIC } from './topics';

export const commercePoolSchema = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(500).nullable(),
  /** The contact must activate the pool (PUT /self-service/v2/commerce_pools/{id}/actions) before its credit is spendable. */
  requiresActivation: z.boolean(),
  organisationIds: z.array(z.string().min(1).max(64)).max(200),
  productCategoryIds: z.array(z.string().min(1).max(64)).max(200),
  validFrom: z.iso.datetime().nullable(),
  validTo: z.iso.datetime().nullable(),
  isActive: z.boolean(),
});
export type CommercePoolDefinition = z.infer<typeof commercePoolSchema>;

export const CommercePoolDefinedV1 = defineEvent({
  type: 'commerce_pool.defined',
  schemaVersion: 1,
  aggregateType: COMMERCE_POOL_AGGREGATE,
  topic: LEDGER_TOPIC,
  description:
    "A tenant's commerce pool as defined (created or changed; the whole definition): its restrictions on organisations, product categories and validity, and whether contacts activate it.",
  data: commercePoolSchema,
});
export type CommercePoolDefinedV1 = EventOf<typeof CommercePoolDefinedV1>;
