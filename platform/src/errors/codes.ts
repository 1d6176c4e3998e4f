/**
 * The platform's error categories: a reason's category is its GraphQL `extensions.code` and (by
 * the table below) its HTTP status and default REST exception.
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

/** Each category's HTTP status and the CRM.COM exception a REST client reads (`CRM.EXCEPTIONS.<NAME>`). */
export const HTTP_ERRORS = {
  VALIDATION: { status: 400, exception: 'INVALIDVALUEEXCEPTION' },
  NOT_FOUND: { status: 404, exception: 'NOTFOUNDEXCEPTION' },
  CONFLICT: { status: 409, exception: 'CONFLICTEXCEPTION' },
  UNAUTHENTICATED: { status: 401, exception: 'UNAUTHORIZEDEXCEPTION' },
  FORBIDDEN: { status: 403, exception: 'FORBIDDENEXCEPTION' },
  RATE_LIMITED: { status: 429, exception: 'TOOMANYREQUESTSEXCEPTION' },
  PAYLOAD_TOO_LARGE: { status: 413, exception: 'PAYLOADTOOLARGEEXCEPTION' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exception: 'UNSUPPORTEDMEDIATYPEEXCEPTION' },
  METHOD_NOT_ALLOWED: { status: 405, exception: 'METHODNOTALLOWEDEXCEPTION' },
  UNAVAILABLE: { status: 503, exception: 'SERVICEUNAVAILABLEEXCEPTION' },
  INTERNAL: { status: 500, exception: 'INTERNALSERVEREXCEPTION' },
} as const satisfies Record<ErrorCode, { status: number; exception: string }>;

/**
 * Every REST exception name we answer with: the categories' and the CRM.COM names a domain reason
 * may use instead (NOTES §1.4). A catalogue can only name one of these, so the REST error schema
 * (`schema/rest/openapi.json`) lists them all.
 */
export const REST_EXCEPTIONS = [
  ...Object.values(HTTP_ERRORS).map((h) => h.exception),
  'INVALIDLOGINEXCEPTION',
  'CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION',
] as const;
export type RestException =
  | (typeof HTTP_ERRORS)[ErrorCode]['exception']
  | 'INVALIDLOGINEXCEPTION'
  | 'CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION';
