import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REWARDS_TOPIC } from './topics';
import { PASS_PLAN_AGGREGATE } from './passes-shapes';

export const PassPlanPassesIssuedV1 = defineEvent({
  type: 'pass_plan.passes_issued',
  schemaVersion: 1,
  aggregateType: PASS_PLAN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'Passes of a plan were issued (one, or a printed batch): the plan keeps its count and can no longer change its terms.',
  data: z.object({ batchId: z.string(), count: z.number().int().positive(), printed: z.boolean() }),
});
export type PassPlanPassesIssuedV1 = EventOf<typeof PassPlanPassesIssuedV1>;
