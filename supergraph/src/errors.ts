import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/**
 * Every error reason the gateway and the REST facade raise themselves besides the platform's
 * (platform/src/errors/catalogue.ts); errors relayed from a subgraph keep that subgraph's reason.
 */
export const errors = defineErrors('gateway', {
  // credentials
  CREDENTIALS_REQUIRED: { code: 'UNAUTHENTICATED' },
  INVALID_API_KEY: { code: 'UNAUTHENTICATED' },
  INVALID_CREDENTIALS: { code: 'UNAUTHENTICATED' },
  INVALID_LOGIN: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' },
  INVALID_REFRESH_TOKEN: { code: 'UNAUTHENTICATED' },
  REFRESH_TOKEN_REQUIRED: { code: 'UNAUTHENTICATED' },
  SESSION_REVOKED: { code: 'UNAUTHENTICATED' },
  TENANT_MISMATCH: { code: 'UNAUTHENTICATED' },
  NOT_TOKEN_SUBJECT: { code: 'FORBIDDEN' },
  AUTH_UNAVAILABLE: { code: 'UNAVAILABLE' },
  TOO_MANY_ATTEMPTS: { code: 'RATE_LIMITED' },
  GATEWAY_UNAVAILABLE: { code: 'UNAVAILABLE' },
  // REST requests
  METHOD_NOT_ALLOWED: { code: 'METHOD_NOT_ALLOWED' },
  UNSUPPORTED_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  MISSING_BODY: { code: 'VALIDATION' },
  UNKNOWN_FIELD: { code: 'VALIDATION' },
  DUPLICATE_FIELD: { code: 'VALIDATION' },
  UNKNOWN_PARAMETER: { code: 'VALIDATION' },
  DUPLICATE_PARAMETER: { code: 'VALIDATION' },
  INVALID_PATH: { code: 'VALIDATION' },
  INVALID_BOOLEAN: { code: 'VALIDATION' },
  INVALID_NUMBER: { code: 'VALIDATION' },
  INVALID_RANGE: { code: 'VALIDATION' },
  OUT_OF_RANGE: { code: 'VALIDATION' },
  ID_MISMATCH: { code: 'VALIDATION' },
  AMBIGUOUS: { code: 'VALIDATION' },
  UNSUPPORTED: { code: 'VALIDATION' },
  INVALID_COUNTRY: { code: 'VALIDATION' },
  INVALID_PHONE: { code: 'VALIDATION' },
  INVALID_REDIRECT_URL: { code: 'VALIDATION' },
  UNKNOWN_PROVIDER: { code: 'VALIDATION' },
  // records of the tenant the facade looks up (recordNotFound)
  ADDRESS_NOT_FOUND: { code: 'NOT_FOUND' },
  USER_NOT_FOUND: { code: 'NOT_FOUND' },
  USER_ROLE_NOT_FOUND: { code: 'NOT_FOUND' },
  TEAM_NOT_FOUND: { code: 'NOT_FOUND' },
  ORGANISATION_NOT_FOUND: { code: 'NOT_FOUND' },
  API_KEY_NOT_FOUND: { code: 'NOT_FOUND' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
