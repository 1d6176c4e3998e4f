import { defineEvent, type EventOf } from '../define-event';
import { orderCatalogueDetails } from './catalogue-shapes';
import { CATALOGUE_TOPIC, ORDER_CATALOGUE_AGGREGATE } from './topics';

const base = { schemaVersion: 1, aggregateType: ORDER_CATALOGUE_AGGREGATE, topic: CATALOGUE_TOPIC } as const;

export const OrderCatalogueCreatedV1 = defineEvent({
  ...base,
  type: 'order_catalogue.created',
  description: 'An order catalogue was created with its supply methods, products or categories, and time availability.',
  data: orderCatalogueDetails,
});
export type OrderCatalogueCreatedV1 = EventOf<typeof OrderCatalogueCreatedV1>;

export const OrderCatalogueUpdatedV1 = defineEvent({
  ...base,
  type: 'order_catalogue.updated',
  description: 'Some details of an order catalogue changed (the fields present are the new values).',
  data: orderCatalogueDetails.partial(),
});
export type OrderCatalogueUpdatedV1 = EventOf<typeof OrderCatalogueUpdatedV1>;
