import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARD_OFFER_AGGREGATE, REWARDS_TOPIC } from './topics';
import { OFFER_GOALS, OFFER_TYPES, offerAwardShape, offerCapsShape, offerConditionsShape } from './rewards-shapes';

export const RewardOfferCreatedV1 = defineEvent({
  type: 'reward_offer.created',
  schemaVersion: 1,
  aggregateType: REWARD_OFFER_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A reward offer was created (INACTIVE until its life cycle state is set to ACTIVE).',
  data: z.object({
    schemeId: z.string(),
    name: z.string().min(1).max(200),
    shortDescription: z.string().nullable(),
    termsAndConditions: z.string().nullable(),
    type: z.enum(OFFER_TYPES),
    goal: z.enum(OFFER_GOALS),
    priority: z.number().int(),
    currency: z.string().length(3),
    conditions: offerConditionsShape,
    award: offerAwardShape,
    caps: offerCapsShape,
    validityDays: z.number().int().positive().nullable(),
    commercePoolId: z.string().nullable(),
  }),
});
export type RewardOfferCreatedV1 = EventOf<typeof RewardOfferCreatedV1>;
