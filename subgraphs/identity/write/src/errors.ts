import { defineErrors, type ReasonCodes } from '@crm/platform/errors';

/**
 * Every error reason identity-write raises besides the platform's (platform/src/errors/catalogue.ts).
 * AppError accepts only catalogued reasons; the REST facade maps them (supergraph/src/rest/kit/catalogues.ts).
 */
export const errors = defineErrors('identity-write', {
  // sign-in: CRM.COM clients know a failed sign-in (unknown user, wrong password, disabled user,
  // a wrong, expired, used or exhausted one-time code) as INVALIDLOGINEXCEPTION (NOTES §1.4)
  INVALID_LOGIN: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' },
  OTP_INVALID: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' },
  OTP_EXPIRED: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' },
  OTP_ATTEMPTS_EXCEEDED: { code: 'UNAUTHENTICATED', exception: 'INVALIDLOGINEXCEPTION' },
  TOO_MANY_ATTEMPTS: { code: 'RATE_LIMITED' },
  // sessions
  INVALID_REFRESH_TOKEN: { code: 'UNAUTHENTICATED' },
  REFRESH_TOKEN_REUSED: { code: 'UNAUTHENTICATED' },
  SESSION_REVOKED: { code: 'UNAUTHENTICATED' },
  NO_SESSION: { code: 'VALIDATION' },
  REAUTHENTICATION_REQUIRED: { code: 'FORBIDDEN' },
  ACCOUNT_DISABLED: { code: 'FORBIDDEN' },
  CONCURRENT_CHANGE: { code: 'CONFLICT' },
  WRONG_PASSWORD: { code: 'VALIDATION' },
  PASSWORD_UNCHANGED: { code: 'VALIDATION' },
  INVALID_PASSWORD: { code: 'VALIDATION' },
  // external sign-in providers
  EXTERNAL_LOGIN_FAILED: { code: 'UNAUTHENTICATED' },
  INVALID_ID_TOKEN: { code: 'UNAUTHENTICATED' },
  INVALID_PROVIDER_TOKEN: { code: 'UNAUTHENTICATED' },
  INVALID_STATE: { code: 'UNAUTHENTICATED' },
  NO_ID_TOKEN: { code: 'UNAUTHENTICATED' },
  PROVIDER_UNAVAILABLE: { code: 'UNAVAILABLE' },
  PROVIDER_NOT_FOUND: { code: 'NOT_FOUND' },
  EMAIL_IDENTITY_UNVERIFIED: { code: 'CONFLICT' },
  CONCURRENT_SIGN_IN: { code: 'CONFLICT' },
  ISSUER_NOT_DISCOVERABLE: { code: 'VALIDATION' },
  INVALID_PROVIDER_TYPE: { code: 'VALIDATION' },
  UNKNOWN_PROVIDER: { code: 'VALIDATION' },
  INVALID_REDIRECT_URL: { code: 'VALIDATION' },
  INVALID_URL: { code: 'VALIDATION' },
  INSECURE_URL: { code: 'VALIDATION' },
  FORBIDDEN_ADDRESS: { code: 'VALIDATION' },
  FORBIDDEN_PORT: { code: 'VALIDATION' },
  // contacts' identities
  CONTACT_EXISTS: { code: 'CONFLICT' },
  IDENTITY_EXISTS: { code: 'CONFLICT' },
  NO_EMAIL_IDENTITY: { code: 'VALIDATION' },
  INVALID_COUNTRY: { code: 'VALIDATION' },
  INVALID_LANGUAGE: { code: 'VALIDATION' },
  INVALID_PHONE: { code: 'VALIDATION' },
  COMMUNICATIONS_UNAVAILABLE: { code: 'UNAVAILABLE' },
  // the kit's command handler: a lost optimistic race on an aggregate (persistence/versions.ts)
  VERSION_CONFLICT: { code: 'CONFLICT' },
  // directory: users, roles, teams, keys, organisations
  USER_EXISTS: { code: 'CONFLICT' },
  CANNOT_DISABLE_SELF: { code: 'CONFLICT' },
  LAST_OWNER: { code: 'CONFLICT' },
  OWNER_REQUIRED: { code: 'FORBIDDEN' },
  COMMUNITY_SWITCH_NOT_ALLOWED: { code: 'FORBIDDEN' },
  PERMISSION_NOT_HELD: { code: 'FORBIDDEN' },
  ROLE_NAME_TAKEN: { code: 'CONFLICT' },
  ROLE_IN_USE: { code: 'CONFLICT' },
  BUILT_IN_ROLE: { code: 'CONFLICT' },
  TEAM_NAME_TAKEN: { code: 'CONFLICT' },
  TEAM_IN_USE: { code: 'CONFLICT' },
  UNKNOWN_PERMISSION: { code: 'VALIDATION' },
  UNKNOWN_ROLE: { code: 'VALIDATION' },
  UNKNOWN_TEAM: { code: 'VALIDATION' },
  INVALID_ORGANISATION_TYPE: { code: 'VALIDATION' },
  INVALID_PARENT: { code: 'VALIDATION' },
  OUT_OF_RANGE: { code: 'VALIDATION' },
  USER_NOT_FOUND: { code: 'NOT_FOUND' },
  ROLE_NOT_FOUND: { code: 'NOT_FOUND' },
  TEAM_NOT_FOUND: { code: 'NOT_FOUND' },
  API_KEY_NOT_FOUND: { code: 'NOT_FOUND' },
  APPLICATION_NOT_FOUND: { code: 'NOT_FOUND' },
  ORGANISATION_NOT_FOUND: { code: 'NOT_FOUND' },
  TENANT_NOT_FOUND: { code: 'NOT_FOUND' },
  // the gateway's internal routes (key and refresh-token look-ups)
  UNKNOWN_KEY: { code: 'NOT_FOUND' },
  UNKNOWN_REFRESH_TOKEN: { code: 'NOT_FOUND' },
});

type Reasons = ReasonCodes<typeof errors>;
declare module '@crm/platform/errors' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorReasons extends Reasons {}
}
