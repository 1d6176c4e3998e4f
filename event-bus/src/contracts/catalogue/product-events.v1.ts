import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { component, price, productDefinition, productDetails } from './catalogue-shapes';
import { CATALOGUE_TOPIC, PRODUCT_AGGREGATE } from './topics';

const base = { schemaVersion: 1, aggregateType: PRODUCT_AGGREGATE, topic: CATALOGUE_TOPIC } as const;

export const ProductCreatedV1 = defineEvent({
  ...base,
  type: 'product.created',
  description: 'A product was created with its classification, composition and groups.',
  data: productDefinition,
});
export type ProductCreatedV1 = EventOf<typeof ProductCreatedV1>;

export const ProductUpdatedV1 = defineEvent({
  ...base,
  type: 'product.updated',
  description: "Some of the product's details changed (the fields present are the new values).",
  data: productDetails.partial(),
});
export type ProductUpdatedV1 = EventOf<typeof ProductUpdatedV1>;

export const ProductPriceAddedV1 = defineEvent({
  ...base,
  type: 'product.price_added',
  description: 'A price (with its price terms) was added to the product; a default price makes the others non-default.',
  data: z.object({ price }),
});
export type ProductPriceAddedV1 = EventOf<typeof ProductPriceAddedV1>;

export const ProductComponentAddedV1 = defineEvent({
  ...base,
  type: 'product.component_added',
  description: 'A component was added to the bundle.',
  data: z.object({ component }),
});
export type ProductComponentAddedV1 = EventOf<typeof ProductComponentAddedV1>;
