import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { RECOMMENDATION_KINDS, recommendationRuleDetails } from './catalogue-shapes';
import { CATALOGUE_TOPIC, RECOMMENDATION_RULE_AGGREGATE } from './topics';

const base = { schemaVersion: 1, aggregateType: RECOMMENDATION_RULE_AGGREGATE, topic: CATALOGUE_TOPIC } as const;

export const RecommendationRuleCreatedV1 = defineEvent({
  ...base,
  type: 'recommendation_rule.created',
  description: 'A recommendation rule was created: its kind, the products it recommends in order, and the source products that trigger it.',
  data: recommendationRuleDetails.extend({ kind: z.enum(RECOMMENDATION_KINDS) }),
});
export type RecommendationRuleCreatedV1 = EventOf<typeof RecommendationRuleCreatedV1>;

export const RecommendationRuleUpdatedV1 = defineEvent({
  ...base,
  type: 'recommendation_rule.updated',
  description: 'Some details of a recommendation rule changed (the fields present are the new values).',
  data: recommendationRuleDetails.partial(),
});
export type RecommendationRuleUpdatedV1 = EventOf<typeof RecommendationRuleUpdatedV1>;

export const RecommendationRuleDeletedV1 = defineEvent({
  ...base,
  type: 'recommendation_rule.deleted',
  description: 'A recommendation rule was deleted: it recommends nothing any more and lists no longer show it.',
  data: z.object({}),
});
export type RecommendationRuleDeletedV1 = EventOf<typeof RecommendationRuleDeletedV1>;
