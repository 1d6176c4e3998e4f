import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason settings-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('settings-write', {
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
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
