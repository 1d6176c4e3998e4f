import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PROMOTION_AGGREGATE, promotionShape } from './passes-shapes';

export const PromotionUpdatedV1 = defineEvent({
  type: 'promotion.updated',
  schemaVersion: 1,
  aggregateType: PROMOTION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A promotion was changed (the whole new document).',
  data: promotionShape,
});
export type PromotionUpdatedV1 = EventOf<typeof PromotionUpdatedV1>;
