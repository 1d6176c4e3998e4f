import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason catalogue-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('catalogue-write', {
  PRODUCT_NOT_FOUND: { code: 'NOT_FOUND' },
  PRODUCT_GROUP_NOT_FOUND: { code: 'NOT_FOUND' },
  ORDER_CATALOGUE_NOT_FOUND: { code: 'NOT_FOUND' },
  RECOMMENDATION_RULE_NOT_FOUND: { code: 'NOT_FOUND' },
  PRODUCT_SKU_EXISTS: { code: 'CONFLICT' },
  PRODUCT_GROUP_DELETED: { code: 'CONFLICT' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  /** An id in the input names nothing of the expected kind in the tenant (a type, brand, family, category, product). */
  UNKNOWN_REFERENCE: { code: 'VALIDATION' },
  /** The input does not fit the product's classification or composition (price terms, components, variants). */
  NOT_ALLOWED_FOR_PRODUCT: { code: 'VALIDATION' },
  INVALID_TIERS: { code: 'VALIDATION' },
  /** The input does not fit the recommendation rule's kind (a category type or source products it cannot have). */
  NOT_ALLOWED_FOR_KIND: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
