import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason orders-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('orders-write', { ORDER_EXISTS: { code: 'CONFLICT' }, VERSION_CONFLICT: { code: 'CONFLICT' } });

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
