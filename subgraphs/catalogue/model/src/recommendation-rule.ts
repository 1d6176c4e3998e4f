import type { RecommendationKind, RecommendationRuleDetails, RecommendationRuleEvent } from '@crm/event-bus/contracts/catalogue';
import { definedOnly, type ChangeOf } from './product';

/** A recommendation rule as both sides hold it. */
export interface RecommendationRuleState extends RecommendationRuleDetails {
  id: string;
  version: number;
  kind: RecommendationKind;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type RecommendationRuleChange = ChangeOf<RecommendationRuleEvent>;

export function evolveRecommendationRule(
  state: RecommendationRuleState | null,
  event: RecommendationRuleChange,
  meta: { version: number; at: Date },
): RecommendationRuleState {
  const stamp = { version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'recommendation_rule.created':
      return { id: state?.id ?? '', ...event.data, deleted: false, createdAt: meta.at, ...stamp };
  }
  if (!state) throw new Error(`${event.type} before recommendation_rule.created`);
  switch (event.type) {
    case 'recommendation_rule.updated':
      return { ...state, ...definedOnly(event.data), ...stamp };
    case 'recommendation_rule.deleted':
      return { ...state, deleted: true, ...stamp };
  }
}

/** Whether a live rule still recommends at `at` (no end, or an end after it). */
export function ruleIsLive(rule: Pick<RecommendationRuleState, 'deleted' | 'validUntil'>, at: Date): boolean {
  return !rule.deleted && (rule.validUntil === null || new Date(rule.validUntil).getTime() > at.getTime());
}
