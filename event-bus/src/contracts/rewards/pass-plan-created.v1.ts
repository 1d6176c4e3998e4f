import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PASS_PLAN_AGGREGATE, passPlanTermsShape } from './passes-shapes';

export const PassPlanCreatedV1 = defineEvent({
  type: 'pass_plan.created',
  schemaVersion: 1,
  aggregateType: PASS_PLAN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pass plan was created (ACTIVE unless INACTIVE was asked): its name and its terms.',
  data: z.object({
    name: z.string().min(1).max(200),
    description: z.string().nullable(),
    state: z.enum(['ACTIVE', 'INACTIVE']),
    terms: passPlanTermsShape,
  }),
});
export type PassPlanCreatedV1 = EventOf<typeof PassPlanCreatedV1>;
