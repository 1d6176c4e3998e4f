/**
 * The platform's error categories. Domains throw AppError with one of these plus their own
 * `reason` (e.g. CONTACT_NOT_FOUND); the two mappers (GraphQL, REST) translate categories once.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorOptions {
  /** Domain-specific reason, SCREAMING_SNAKE (e.g. CONTACT_CODE_TAKEN). */
  reason?: string;
  /** Path of the offending input field, dotted (e.g. `phones.0.country_code`). */
  field?: string;
  /** REST exception name override, e.g. NOTFOUNDEXCEPTION (prefixed with CRM.EXCEPTIONS.). */
  exception?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly reason: string | undefined;
  readonly field: string | undefined;
  readonly exception: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.reason = options.reason;
    this.field = options.field;
    this.exception = options.exception;
  }

  static validation(field: string, message: string, reason = 'INVALID_VALUE'): AppError {
    return new AppError('VALIDATION', `${field}: ${message}`, { field, reason });
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${what} ${id} was not found`, { reason: `${what.toUpperCase()}_NOT_FOUND` });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Error categories a client may retry as-is. */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'UNAVAILABLE' || code === 'RATE_LIMITED';
}
