import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason subscriptions-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('subscriptions-write', {
  SUBSCRIPTION_NOT_FOUND: { code: 'NOT_FOUND' },
  SERVICE_NOT_FOUND: { code: 'NOT_FOUND' },
  SUBSCRIPTION_ACTION_NOT_FOUND: { code: 'NOT_FOUND' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  SUBSCRIPTION_CHURNED: { code: 'CONFLICT' },
  ACTION_NOT_SCHEDULED: { code: 'CONFLICT' },
  SERVICE_ALREADY_EFFECTIVE: { code: 'CONFLICT' },
  SERVICE_ALREADY_PAUSED: { code: 'CONFLICT' },
  SERVICE_ALREADY_NOT_EFFECTIVE: { code: 'CONFLICT' },
  SERVICE_NOT_EFFECTIVE: { code: 'CONFLICT' },
  SERVICE_NOT_PAUSED: { code: 'CONFLICT' },
  SERVICE_PAUSED: { code: 'CONFLICT' },
  SERVICE_IS_DRAFT: { code: 'CONFLICT' },
  SERVICE_NOT_DRAFT: { code: 'CONFLICT' },
  SERVICE_TERMINATED: { code: 'CONFLICT' },
  REGRET_WINDOW_CLOSED: { code: 'CONFLICT' },
  SERVICE_IN_CONTRACT: { code: 'CONFLICT' },
  DEVICE_NOT_FOUND: { code: 'NOT_FOUND' },
  DEVICE_ALREADY_REGISTERED: { code: 'CONFLICT' },
  DEVICE_SERIAL_NUMBER_TAKEN: { code: 'CONFLICT' },
  DEVICE_NOT_PUSH: { code: 'CONFLICT' },
  DEVICE_NOT_PHYSICAL: { code: 'CONFLICT' },
  DEVICE_CONTACT_MISMATCH: { code: 'CONFLICT' },
  DEVICE_HAS_ENABLED_SERVICES: { code: 'CONFLICT' },
  DEVICE_NOT_IN_SUBSCRIPTION: { code: 'CONFLICT' },
  USAGE_RECORD_NOT_FOUND: { code: 'NOT_FOUND' },
  USAGE_ALLOWANCE_NOT_FOUND: { code: 'NOT_FOUND' },
  USAGE_RECORD_ALREADY_POSTED: { code: 'CONFLICT' },
  PROVISIONING_COMMAND_NOT_FOUND: { code: 'NOT_FOUND' },
  PROVISIONING_COMMAND_ANSWERED: { code: 'CONFLICT' },
  /** WiFi authorisation is for usage allowance consumption: the contact needs an EFFECTIVE service. */
  CONTACT_HAS_NO_SERVICE_IN_USE: { code: 'CONFLICT' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
