import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PASS_PLAN_AGGREGATE, passPlanTermsShape } from './passes-shapes';

export const PassPlanUpdatedV1 = defineEvent({
  type: 'pass_plan.updated',
  schemaVersion: 1,
  aggregateType: PASS_PLAN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A pass plan was renamed, turned on or off, or (while it has no passes) given new terms.',
  data: z.object({
    name: z.string().min(1).max(200),
    description: z.string().nullable(),
    state: z.enum(['ACTIVE', 'INACTIVE']),
    terms: passPlanTermsShape,
  }),
});
export type PassPlanUpdatedV1 = EventOf<typeof PassPlanUpdatedV1>;
