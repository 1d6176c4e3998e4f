import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_SCHEME_AGGREGATE, REWARDS_TOPIC } from './topics';
import { LIFE_CYCLE_STATES } from './rewards-shapes';

export const RewardSchemeStateChangedV1 = defineEvent({
  type: 'reward_scheme.state_changed',
  schemaVersion: 1,
  aggregateType: REWARD_SCHEME_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A reward scheme was turned on or off.',
  data: z.object({ state: z.enum(LIFE_CYCLE_STATES) }),
});
export type RewardSchemeStateChangedV1 = EventOf<typeof RewardSchemeStateChangedV1>;
