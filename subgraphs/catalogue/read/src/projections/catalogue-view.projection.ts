import { ORDER_CATALOGUE_AGGREGATE, PRODUCT_AGGREGATE, RECOMMENDATION_RULE_AGGREGATE, type CatalogueEvent } from '@crm/event-bus/contracts/catalogue';
import {
  evolveOrderCatalogue,
  evolveProduct,
  evolveProductGroup,
  evolveRecommendationRule,
  type OrderCatalogueChange,
  type OrderCatalogueState,
  type ProductChange,
  type ProductGroupChange,
  type ProductGroupState,
  type ProductState,
  type RecommendationRuleChange,
  type RecommendationRuleState,
} from '@crm/catalogue-model';

/** The read model of one catalogue aggregate: a product, a product group or an order catalogue (the same state the write side holds). */
export type CatalogueView = ProductState | ProductGroupState | OrderCatalogueState | RecommendationRuleState;

/**
 * Folds one event into the view (pure), with the rule the write side applies (`@crm/catalogue-model`).
 * The projector engine hands events in aggregate-version order and skips redeliveries.
 */
export function projectCatalogue(
  view: CatalogueView | null,
  event: Pick<CatalogueEvent, 'type' | 'data' | 'aggregateType' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): CatalogueView {
  const meta = { version: event.aggregateVersion, at: new Date(event.occurredAt) };
  const change = { type: event.type, data: event.data };
  const next =
    event.aggregateType === PRODUCT_AGGREGATE
      ? evolveProduct(view as ProductState | null, change as ProductChange, meta)
      : event.aggregateType === ORDER_CATALOGUE_AGGREGATE
        ? evolveOrderCatalogue(view as OrderCatalogueState | null, change as OrderCatalogueChange, meta)
        : event.aggregateType === RECOMMENDATION_RULE_AGGREGATE
          ? evolveRecommendationRule(view as RecommendationRuleState | null, change as RecommendationRuleChange, meta)
          : evolveProductGroup(view as ProductGroupState | null, change as ProductGroupChange, meta);
  return { ...next, id: event.aggregateId };
}
