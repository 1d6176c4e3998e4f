import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/** Every error reason contacts-read raises besides the platform's (platform/src/errors/catalogue.ts). */
export const errors = defineErrors('contacts-read', {
  INVALID_RANGE: { code: 'VALIDATION' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
