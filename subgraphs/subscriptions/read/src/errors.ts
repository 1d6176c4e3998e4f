import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason subscriptions-read raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('subscriptions-read', {
  SUBSCRIPTION_NOT_FOUND: { code: 'NOT_FOUND' },
  SERVICE_NOT_FOUND: { code: 'NOT_FOUND' },
  SUBSCRIPTION_ACTION_NOT_FOUND: { code: 'NOT_FOUND' },
  DEVICE_NOT_FOUND: { code: 'NOT_FOUND' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
