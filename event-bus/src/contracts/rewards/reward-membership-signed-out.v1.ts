import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_MEMBERSHIP_AGGREGATE, REWARDS_TOPIC } from './topics';

export const RewardMembershipSignedOutV1 = defineEvent({
  type: 'reward_membership.signed_out',
  schemaVersion: 1,
  aggregateType: REWARD_MEMBERSHIP_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact signed out of a reward scheme.',
  data: z.object({}),
});
export type RewardMembershipSignedOutV1 = EventOf<typeof RewardMembershipSignedOutV1>;
