import { AppError } from '@crm/platform/errors';

/** The error a lost optimistic race on an identity aggregate surfaces as (a 409; the caller may retry). */
export const versionConflict = (what: string) => (): AppError =>
  new AppError('CONFLICT', `the ${what} was changed by another request; retry`, { reason: 'VERSION_CONFLICT' });
