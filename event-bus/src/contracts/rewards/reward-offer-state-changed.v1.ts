import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_OFFER_AGGREGATE, REWARDS_TOPIC } from './topics';
import { LIFE_CYCLE_STATES } from './rewards-shapes';

export const RewardOfferStateChangedV1 = defineEvent({
  type: 'reward_offer.state_changed',
  schemaVersion: 1,
  aggregateType: REWARD_OFFER_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A reward offer was turned on or off.',
  data: z.object({ state: z.enum(LIFE_CYCLE_STATES) }),
});
export type RewardOfferStateChangedV1 = EventOf<typeof RewardOfferStateChangedV1>;
