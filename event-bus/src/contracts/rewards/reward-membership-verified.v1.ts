import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_MEMBERSHIP_AGGREGATE, REWARDS_TOPIC } from './topics';

export const RewardMembershipVerifiedV1 = defineEvent({
  type: 'reward_membership.verified',
  schemaVersion: 1,
  aggregateType: REWARD_MEMBERSHIP_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pending closed-loop sign-up was verified with its code.',
  data: z.object({}),
});
export type RewardMembershipVerifiedV1 = EventOf<typeof RewardMembershipVerifiedV1>;
