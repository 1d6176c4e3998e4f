import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason settings-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('settings-write', {
  APP_SETTINGS_EXISTS: { code: 'CONFLICT' },
  APP_SETTINGS_NOT_FOUND: { code: 'NOT_FOUND' },
  PLATFORM_APP_ID_TAKEN: { code: 'CONFLICT' },
  REFERENCE_ENTRY_EXISTS: { code: 'CONFLICT' },
  REFERENCE_ENTRY_NOT_FOUND: { code: 'NOT_FOUND' },
  REFERENCE_ENTRY_TAKEN: { code: 'CONFLICT' },
  FILE_EXISTS: { code: 'CONFLICT' },
  ATTACHMENT_EXISTS: { code: 'CONFLICT' },
  ATTACHMENT_NOT_FOUND: { code: 'NOT_FOUND' },
  CUSTOM_FIELD_EXISTS: { code: 'CONFLICT' },
  CUSTOM_FIELD_KEY_TAKEN: { code: 'CONFLICT' },
  CUSTOM_FIELD_NOT_FOUND: { code: 'NOT_FOUND' },
  FILE_NOT_FOUND: { code: 'NOT_FOUND' },
  FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FILE_TYPE_NOT_ALLOWED: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  FIELD_NOT_ALLOWED: { code: 'VALIDATION' },
  INVALID_FORMAT: { code: 'VALIDATION' },
  INVALID_URL: { code: 'VALIDATION' },
  OUT_OF_RANGE: { code: 'VALIDATION' },
  LANDING_PAGE_EXISTS: { code: 'CONFLICT' },
  LANDING_PAGE_NOT_FOUND: { code: 'NOT_FOUND' },
  CONTACT_IMAGE_NOT_FOUND: { code: 'NOT_FOUND' },
  NOT_AN_IMAGE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  MEDIA_SIGNATURE_INVALID: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
