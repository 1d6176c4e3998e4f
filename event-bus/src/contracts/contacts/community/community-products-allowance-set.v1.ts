import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { CONTACTS_TOPIC } from '../topics';
import { COMMUNITY_RELATIONSHIP_AGGREGATE, productAllowance } from './shapes';

export const CommunityProductsAllowanceSetV1 = defineEvent({
  type: 'community.products_allowance_set',
  schemaVersion: 1,
  aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: "The member's per-product allowances, as they now are (after an add, a change or a removal).",
  data: z.object({ productsAllowance: z.array(productAllowance).max(100) }),
});
export type CommunityProductsAllowanceSetV1 = EventOf<typeof CommunityProductsAllowanceSetV1>;
