import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { GROUP_KINDS, groupDetails } from './catalogue-shapes';
import { CATALOGUE_TOPIC, PRODUCT_GROUP_AGGREGATE } from './topics';

const base = { schemaVersion: 1, aggregateType: PRODUCT_GROUP_AGGREGATE, topic: CATALOGUE_TOPIC } as const;

export const ProductGroupCreatedV1 = defineEvent({
  ...base,
  type: 'product_group.created',
  description: 'A product type, brand, family or category was created.',
  data: groupDetails.extend({ kind: z.enum(GROUP_KINDS) }),
});
export type ProductGroupCreatedV1 = EventOf<typeof ProductGroupCreatedV1>;

export const ProductGroupUpdatedV1 = defineEvent({
  ...base,
  type: 'product_group.updated',
  description: 'Some details of a product type, brand, family or category changed (the fields present are the new values).',
  data: groupDetails.partial(),
});
export type ProductGroupUpdatedV1 = EventOf<typeof ProductGroupUpdatedV1>;

export const ProductGroupDeletedV1 = defineEvent({
  ...base,
  type: 'product_group.deleted',
  description: 'A product type, brand, family or category was deleted (products keep their reference; lists no longer show it).',
  data: z.object({}),
});
export type ProductGroupDeletedV1 = EventOf<typeof ProductGroupDeletedV1>;
