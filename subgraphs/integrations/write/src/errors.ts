import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason integrations-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('integrations-write', {
  WEBHOOK_ENDPOINT_NOT_FOUND: { code: 'NOT_FOUND' },
  WEBHOOK_DELIVERY_NOT_FOUND: { code: 'NOT_FOUND' },
  WEBHOOK_EXISTS: { code: 'CONFLICT' },
  WEBHOOK_URL_INVALID: { code: 'VALIDATION' },
  /** A URL whose host is (or resolves to) a loopback, private, link-local or metadata address, or a refused port. */
  WEBHOOK_URL_FORBIDDEN: { code: 'VALIDATION' },
  AUTOMATION_NOT_FOUND: { code: 'NOT_FOUND' },
  AUTOMATION_EXISTS: { code: 'CONFLICT' },
  INTEGRATION_ADAPTER_NOT_FOUND: { code: 'NOT_FOUND' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
