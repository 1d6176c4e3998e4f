import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason catalogue-read raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('catalogue-read', {
  PRODUCT_NOT_FOUND: { code: 'NOT_FOUND' },
  PRODUCT_GROUP_NOT_FOUND: { code: 'NOT_FOUND' },
  ORDER_CATALOGUE_NOT_FOUND: { code: 'NOT_FOUND' },
  RECOMMENDATION_RULE_NOT_FOUND: { code: 'NOT_FOUND' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
