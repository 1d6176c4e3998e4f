import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason settings-read raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('settings-read', {
  FILE_NOT_FOUND: { code: 'NOT_FOUND' },
  CUSTOM_FIELD_NOT_FOUND: { code: 'NOT_FOUND' },
  APP_SETTINGS_NOT_FOUND: { code: 'NOT_FOUND' },
  REFERENCE_ENTRY_NOT_FOUND: { code: 'NOT_FOUND' },
  ADDRESS_LOOKUP_NOT_CONFIGURED: { code: 'VALIDATION' },
  ADDRESS_LOOKUP_UNAVAILABLE: { code: 'UNAVAILABLE' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
