import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_SCHEME_AGGREGATE, REWARDS_TOPIC } from './topics';
import { CLAW_BACK_POLICIES, LIFE_CYCLE_STATES, RESOLUTIONS, SIGN_UP_OPTIONS } from './rewards-shapes';

export const RewardSchemeCreatedV1 = defineEvent({
  type: 'reward_scheme.created',
  schemaVersion: 1,
  aggregateType: REWARD_SCHEME_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A reward scheme was created.',
  data: z.object({
    name: z.string().min(1).max(100),
    signUpOption: z.enum(SIGN_UP_OPTIONS),
    emailDomains: z.array(z.string()),
    termsAndConditions: z.string().nullable(),
    resolution: z.enum(RESOLUTIONS),
    clawBack: z.enum(CLAW_BACK_POLICIES),
    state: z.enum(LIFE_CYCLE_STATES),
  }),
});
export type RewardSchemeCreatedV1 = EventOf<typeof RewardSchemeCreatedV1>;
