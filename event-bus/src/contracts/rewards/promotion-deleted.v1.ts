import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PROMOTION_AGGREGATE } from './passes-shapes';

export const PromotionDeletedV1 = defineEvent({
  type: 'promotion.deleted',
  schemaVersion: 1,
  aggregateType: PROMOTION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A promotion was deleted (no longer listed or read).',
  data: z.object({}),
});
export type PromotionDeletedV1 = EventOf<typeof PromotionDeletedV1>;
