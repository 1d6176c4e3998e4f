import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PROMOTION_AGGREGATE, promotionShape } from './passes-shapes';

export const PromotionCreatedV1 = defineEvent({
  type: 'promotion.created',
  schemaVersion: 1,
  aggregateType: PROMOTION_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A promotion was created.',
  data: promotionShape,
});
export type PromotionCreatedV1 = EventOf<typeof PromotionCreatedV1>;
