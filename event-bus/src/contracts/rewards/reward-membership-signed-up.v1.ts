import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_MEMBERSHIP_AGGREGATE, REWARDS_TOPIC } from './topics';

export const RewardMembershipSignedUpV1 = defineEvent({
  type: 'reward_membership.signed_up',
  schemaVersion: 1,
  aggregateType: REWARD_MEMBERSHIP_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact signed up to a reward scheme. A closed-loop sign-up by email is pending until verified (the code is only its SHA-256).',
  data: z.object({
    schemeId: z.string(),
    contactId: z.string(),
    verified: z.boolean(),
    emailAddress: z.string().nullable(),
    codeHash: z.string().nullable(),
  }),
});
export type RewardMembershipSignedUpV1 = EventOf<typeof RewardMembershipSignedUpV1>;
