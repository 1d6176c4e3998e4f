import { ProductComponentAddedV1, ProductCreatedV1, ProductPriceAddedV1, ProductUpdatedV1 } from './product-events.v1';
import { ProductGroupCreatedV1, ProductGroupDeletedV1, ProductGroupUpdatedV1 } from './product-group-events.v1';
import { OrderCatalogueCreatedV1, OrderCatalogueUpdatedV1 } from './order-catalogue-events.v1';
import { RecommendationRuleCreatedV1, RecommendationRuleDeletedV1, RecommendationRuleUpdatedV1 } from './recommendation-rule-events.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './catalogue-shapes';
export * from './product-events.v1';
export * from './product-group-events.v1';
export * from './order-catalogue-events.v1';
export * from './recommendation-rule-events.v1';

const productEvents = [ProductCreatedV1, ProductUpdatedV1, ProductPriceAddedV1, ProductComponentAddedV1] as const;
const productGroupEvents = [ProductGroupCreatedV1, ProductGroupUpdatedV1, ProductGroupDeletedV1] as const;
const orderCatalogueEvents = [OrderCatalogueCreatedV1, OrderCatalogueUpdatedV1] as const;
const recommendationRuleEvents = [RecommendationRuleCreatedV1, RecommendationRuleUpdatedV1, RecommendationRuleDeletedV1] as const;

/** Every catalogue event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [...productEvents, ...productGroupEvents, ...orderCatalogueEvents, ...recommendationRuleEvents] as const;

export type ProductEvent = EventOf<(typeof productEvents)[number]>;
export type ProductGroupEvent = EventOf<(typeof productGroupEvents)[number]>;
export type OrderCatalogueEvent = EventOf<(typeof orderCatalogueEvents)[number]>;
export type RecommendationRuleEvent = EventOf<(typeof recommendationRuleEvents)[number]>;
/** Every catalogue event, as the union of its contracts' envelopes. */
export type CatalogueEvent = ProductEvent | ProductGroupEvent | OrderCatalogueEvent | RecommendationRuleEvent;
