import type { ErrorReason, ReasonOf } from './catalogue';
import type { ErrorCode, RestException } from './codes';

export { ERROR_CODES, type ErrorCode } from './codes';

export interface AppErrorOptions<C extends ErrorCode = ErrorCode> {
  /** Domain-specific reason, SCREAMING_SNAKE (e.g. CONTACT_CODE_TAKEN): one of a catalogue's reasons of this category. */
  reason?: ReasonOf<C>;
  /** Path of the offending input field, dotted (e.g. `phones.0.country_code`). */
  field?: string;
  /** REST exception name override, e.g. NOTFOUNDEXCEPTION (prefixed with CRM.EXCEPTIONS.). */
  exception?: RestException;
  cause?: unknown;
}

/** Options of an error another service raised and this one passes on: its reason comes off the wire. */
export interface RelayedErrorOptions extends Omit<AppErrorOptions, 'reason'> {
  reason?: string;
}

/** `api_key` → `api key`: the words of a NOT_FOUND reason's subject. */
type Spaced<S extends string> = S extends `${infer A}_${infer B}` ? `${A} ${Spaced<B>}` : S;
/** What `AppError.notFound` accepts: the subjects of the catalogued `<SUBJECT>_NOT_FOUND` reasons. */
export type NotFoundSubject = ReasonOf<'NOT_FOUND'> extends infer R ? (R extends `${infer W}_NOT_FOUND` ? Spaced<Lowercase<W>> : never) : never;

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly reason: ErrorReason | (string & {}) | undefined;
  readonly field: string | undefined;
  readonly exception: RestException | undefined;

  constructor(
    readonly code: C,
    message: string,
    options: AppErrorOptions<C> = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.reason = options.reason;
    this.field = options.field;
    this.exception = options.exception;
  }

  /**
   * An error raised by another service (a subgraph's GraphQL error, as the REST facade receives
   * it): its reason was checked against that service's catalogue where it was thrown.
   */
  static relayed(code: ErrorCode, message: string, options: RelayedErrorOptions = {}): AppError {
    const { reason, ...rest } = options;
    const err = new AppError(code, message, rest);
    (err as { reason: string | undefined }).reason = reason;
    return err;
  }

  static validation(field: string, message: string, reason: ReasonOf<'VALIDATION'> = 'INVALID_VALUE'): AppError<'VALIDATION'> {
    return new AppError('VALIDATION', `${field}: ${message}`, { field, reason });
  }

  static notFound(what: NotFoundSubject, id: string): AppError<'NOT_FOUND'> {
    const reason = `${what.toUpperCase().replace(/ /g, '_')}_NOT_FOUND` as ReasonOf<'NOT_FOUND'>;
    return new AppError('NOT_FOUND', `${what} ${id} was not found`, { reason });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Error categories a client may retry as-is. */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'UNAVAILABLE' || code === 'RATE_LIMITED';
}
