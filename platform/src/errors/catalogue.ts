import { HTTP_ERRORS, type ErrorCode, type RestException } from './codes';

/** One error reason: its category (GraphQL `extensions.code`, HTTP status) and, if CRM.COM names it otherwise, its REST exception. */
export interface ErrorSpec {
  readonly code: ErrorCode;
  /** The CRM.COM exception clients know this reason by (default: the category's, e.g. NOTFOUNDEXCEPTION). */
  readonly exception?: RestException;
  /**
   * Further categories the reason is raised under, each mapped like `code` (e.g. INVALID_TOKEN: a
   * bad access token is UNAUTHENTICATED, a bad link token in a body is VALIDATION).
   */
  readonly also?: readonly ErrorCode[];
}

/** A domain's closed set of error reasons (SCREAMING_SNAKE), each mapped to its category and REST exception. */
export interface ErrorCatalogue<T extends Record<string, ErrorSpec> = Record<string, ErrorSpec>> {
  readonly domain: string;
  readonly reasons: T;
}

/** reason → category of a catalogue: what a domain adds to {@link ErrorReasons}. */
export type ReasonCodes<C extends ErrorCatalogue> = { [R in keyof C['reasons']]: C['reasons'][R]['code'] | AlsoCodes<C['reasons'][R]> };
type AlsoCodes<S extends ErrorSpec> = S['also'] extends readonly (infer A)[] ? A : never;

/**
 * Declares a domain's error reasons. The domain then adds them to the reasons AppError accepts:
 *
 *     export const contactErrors = defineErrors('contacts', { CONTACT_NOT_FOUND: { code: 'NOT_FOUND' } });
 *     type ContactReasons = ReasonCodes<typeof contactErrors>;
 *     declare module '@crm/platform/errors' { interface ErrorReasons extends ContactReasons {} }
 *
 * so `new AppError('NOT_FOUND', …, { reason: 'CONTACT_NOT_FOUND' })` compiles and a reason missing
 * from the catalogue (or thrown with another category) does not.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(domain: string, reasons: T): ErrorCatalogue<T> {
  for (const reason of Object.keys(reasons)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(reason)) throw new Error(`error reason ${domain}.${reason} is not SCREAMING_SNAKE`);
  }
  return Object.freeze({ domain, reasons: Object.freeze(reasons) });
}

/** The REST answer of a catalogued reason: status and `CRM.EXCEPTIONS.<NAME>`. */
export function restErrorOf(spec: ErrorSpec, code: ErrorCode = spec.code): { status: number; exception: RestException } {
  const category = HTTP_ERRORS[code];
  return { status: category.status, exception: spec.exception ?? category.exception };
}

/**
 * The reasons the platform itself raises (auth, input parsing, infrastructure) and the generic
 * ones every domain shares for field validation.
 */
export const platformErrors = defineErrors('platform', {
  // the gateway-signed principal (every subgraph)
  MISSING_PRINCIPAL: { code: 'UNAUTHENTICATED' },
  INVALID_PRINCIPAL: { code: 'UNAUTHENTICATED' },
  // a service of this deployment calling through the gateway (x-crm-service)
  INVALID_SERVICE_CREDENTIAL: { code: 'UNAUTHENTICATED' },
  AUTHENTICATION_REQUIRED: { code: 'UNAUTHENTICATED' },
  PERMISSION_DENIED: { code: 'FORBIDDEN' },
  FORBIDDEN: { code: 'FORBIDDEN' },
  // a contact acting on another contact's records answers as if it did not exist
  CONTACT_NOT_FOUND: { code: 'NOT_FOUND' },
  // input
  INVALID_INPUT: { code: 'VALIDATION' },
  INVALID_VALUE: { code: 'VALIDATION' },
  INVALID_ID: { code: 'VALIDATION' },
  INVALID_CURSOR: { code: 'VALIDATION' },
  INVALID_ENUM: { code: 'VALIDATION' },
  INVALID_LENGTH: { code: 'VALIDATION' },
  INVALID_CHARACTERS: { code: 'VALIDATION' },
  INVALID_EMAIL: { code: 'VALIDATION' },
  INVALID_DATE: { code: 'VALIDATION' },
  REQUIRED: { code: 'VALIDATION' },
  TOO_LONG: { code: 'VALIDATION' },
  TOO_MANY: { code: 'VALIDATION' },
  DUPLICATE: { code: 'VALIDATION' },
  INVALID_PAGE_SIZE: { code: 'VALIDATION' },
  INVALID_OFFSET: { code: 'VALIDATION' },
  MALFORMED_BODY: { code: 'VALIDATION' },
  BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  // idempotency keys
  INVALID_IDEMPOTENCY_KEY: { code: 'VALIDATION' },
  IDEMPOTENCY_KEY_REUSED: { code: 'CONFLICT' },
  IDEMPOTENCY_IN_PROGRESS: { code: 'CONFLICT' },
  IDEMPOTENCY_RETRY: { code: 'UNAVAILABLE' },
  // passwords (platform/security)
  PASSWORD_TOO_SHORT: { code: 'VALIDATION' },
  PASSWORD_TOO_LONG: { code: 'VALIDATION' },
  PASSWORD_INVALID_CHARACTERS: { code: 'VALIDATION' },
  PASSWORD_TOO_SIMPLE: { code: 'VALIDATION' },
  PASSWORD_TOO_COMMON: { code: 'VALIDATION' },
  // access tokens and sealed secrets (platform/security)
  INVALID_TOKEN: { code: 'UNAUTHENTICATED', also: ['VALIDATION'] },
  KEY_SET_UNAVAILABLE: { code: 'UNAVAILABLE' },
  SEALED_VALUE_INVALID: { code: 'INTERNAL' },
  // infrastructure
  TEMPORARILY_UNAVAILABLE: { code: 'UNAVAILABLE' },
  RATE_LIMIT_STORE_UNAVAILABLE: { code: 'UNAVAILABLE' },
});

type PlatformReasons = ReasonCodes<typeof platformErrors>;

/**
 * Every reason AppError accepts, reason → category: the platform's, plus each domain's catalogue,
 * which the domain adds by augmenting this interface (see {@link defineErrors}).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorReasons extends PlatformReasons {}

export type ErrorReason = keyof ErrorReasons & string;
/** The reasons of one category: what `new AppError(code, …, { reason })` accepts for that code. */
export type ReasonOf<C extends ErrorCode> = { [R in ErrorReason]: [Extract<ErrorReasons[R], C>] extends [never] ? never : R }[ErrorReason];

/** The categories of a catalogued reason: its `code` and any `also`. */
export function codesOf(spec: ErrorSpec): ErrorCode[] {
  return [spec.code, ...(spec.also ?? [])];
}
