import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason engagement-write raises besides the platform's (platform/src/errors/catalogue.ts); the REST facade maps them. */
export const errors = defineErrors('engagement-write', {
  QUEUE_EXISTS: { code: 'CONFLICT' },
  QUEUE_NAME_TAKEN: { code: 'CONFLICT' },
  QUEUE_NOT_FOUND: { code: 'VALIDATION', also: ['NOT_FOUND'] },
  SERVICE_REQUEST_EXISTS: { code: 'CONFLICT' },
  SERVICE_REQUEST_NOT_FOUND: { code: 'NOT_FOUND', also: ['VALIDATION'] },
  ACTIVITY_EXISTS: { code: 'CONFLICT' },
  ACTIVITY_NOT_FOUND: { code: 'NOT_FOUND' },
  ACTIVITY_CLOSED: { code: 'CONFLICT' },
  SERVICE_REQUEST_CLOSED: { code: 'CONFLICT' },
  ATTACHMENT_NOT_FOUND: { code: 'NOT_FOUND' },
  NOT_STARTED: { code: 'CONFLICT' },
  ALREADY_STARTED: { code: 'CONFLICT' },
  NO_NEXT_STAGE: { code: 'CONFLICT' },
  SAME_STAGE: { code: 'CONFLICT' },
  STAGE_NOT_IN_QUEUE: { code: 'VALIDATION' },
  CLOSING_STAGE_NOT_ALLOWED: { code: 'VALIDATION' },
  ONLY_WHEN_CLOSING: { code: 'VALIDATION' },
  CATEGORY_NOT_IN_QUEUE: { code: 'VALIDATION' },
  OPEN_STAGE_REQUIRED: { code: 'VALIDATION' },
  CLOSING_STAGE_REQUIRED: { code: 'VALIDATION' },
  DUPLICATE_NAME: { code: 'VALIDATION' },
  VERSION_CONFLICT: { code: 'CONFLICT' },
  COMMUNICATION_NOT_FOUND: { code: 'NOT_FOUND' },
  COMMUNICATION_EXISTS: { code: 'CONFLICT' },
  COMMUNICATION_TEMPLATE_NOT_FOUND: { code: 'NOT_FOUND' },
  APPROVAL_REQUEST_NOT_FOUND: { code: 'NOT_FOUND' },
  APPROVAL_REQUEST_EXISTS: { code: 'CONFLICT' },
  APPROVAL_REQUEST_DECIDED: { code: 'CONFLICT' },
  APPROVAL_REQUEST_EXPIRED: { code: 'CONFLICT' },
  APPROVAL_LINK_EXPIRED: { code: 'VALIDATION' },
  APPROVAL_LINK_ACTION_MISMATCH: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
