import { AppError } from '@crm/platform/errors';
import { done, payloadOf } from '../../kit/mutations';
import { CONSISTENCY_HEADER, noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { canonicalPathId, headerValue, queryParams } from '../../kit/request';
import { CASE_INSENSITIVE, errorResponseOf, exactlyOneOf, notBoth, query } from '../../kit/openapi';
import { MAX_SEGMENT_LENGTH } from '../../kit/router';
import { defineResource, mergeFragments } from '../../kit/resource';
import {
  bearerToken,
  claimedSubject,
  emptyBody,
  keyOnly,
  keyOnlyCommand,
  refreshCredentials,
  refreshTokenOf,
  requireApiKey,
} from '../../domains/identity/session';
import {
  REFRESH_SESSION,
  SIGN_OUT,
  VERIFY_CREDENTIALS,
  type GqlAuthPayload,
  type GqlSessionTokens,
  type GqlSignOutPayload,
} from '../../domains/identity/operations';
import { signInComponents } from '../../domains/identity/openapi';
import { contactComponents } from '../../domains/contacts/openapi';
import {
  authenticateContactBody,
  authenticateIn,
  canonicalGuid,
  changePasswordBody,
  contactForgotPasswordBody,
  emailVerificationBody,
  existenceQuery,
  identificationBody,
  identityIn,
  otpBody,
  otpCredentialIn,
  registerBody,
  registerIn,
  requireContactGuid,
  resetPasswordBody,
  signOutBody,
  unverifiedClaims,
  validateOtpBody,
  verificationEmailOf,
  isExternalProvider,
  oidcStartIn,
  MAX_LINK_TOKEN_LENGTH,
  MAX_REDIRECT_URL_LENGTH,
  phoneBody,
} from './bodies';
import {
  ADD_CONTACT_IDENTITY,
  AUTHENTICATE_CONTACT,
  AUTHENTICATE_CONTACT_EXTERNAL,
  CHANGE_CONTACT_PASSWORD,
  CONTACT_IDENTITY_EXISTS,
  GET_CONTACT_SUMMARY,
  OIDC_AUTHORIZATION_URL,
  REGISTER_CONTACT,
  REQUEST_CONTACT_EMAIL_VERIFICATION,
  REQUEST_CONTACT_OTP,
  REQUEST_CONTACT_PASSWORD_RESET,
  RESET_CONTACT_PASSWORD,
  VALIDATE_CONTACT_OTP,
  VERIFY_CONTACT_EMAIL,
  type GqlContactAuthPayload,
  type GqlContactSummary,
  type GqlOidcAuthorizationPayload,
} from './operations';
import { contactAuthResponse, contactExistsResponse, oidcAuthorizationResponse, otpResponse } from './schemas';

/**
 * Self-Service contact identities (NOTES §1.2–§1.4, §2.1 "Authentication & identity"; flows 1–5),
 * over the identity subgraph's contact-auth mutations. Paths are under /self-service/v2/contacts.
 *
 * Public-key routes (the `api_key` names the tenant; only it is passed on, so a stale token
 * cannot break them; without it → 401):
 * - `POST /register` → 201 auth payload: tokens at once for EMAIL + password, else (PHONE, or
 *   EMAIL without a password) `auth_otp` + `obfuscated_value` and no tokens. Already registered → 409.
 * - `POST /authenticate` → 200: EMAIL + password → tokens; EMAIL without a password or PHONE → a
 *   one-time code is sent (`auth_otp`, `obfuscated_value`). A wrong password, an unknown email or
 *   phone → 401 CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION (the same answer); too many → 429 + Retry-After.
 *   OIDC_OAUTH / GOOGLE + `code` + `state` (+ `iss`), or FACEBOOK + `token` (+ `application_id`)
 *   → `authenticateContactExternal` (NOTES §7 flow 6; the first sign-in registers the contact),
 *   answered like a password sign-in; a bad code, state or token → 401.
 * - `GET /oidc/{type}?redirect_url=` → 200 `{authorization_url}` (flow 6 step 2); an unknown type
 *   → 400 naming `type`, a redirect_url not registered for it → 400 naming `redirect_url`.
 * - `POST /otp {method?, credentials:[{name, value, country_code?}]}` → 200 `{auth_otp,
 *   obfuscated_value}`; no contact with that credential → 404 (the spec's "identify exactly one contact").
 * - `POST /validate_otp {auth_otp, code}` → 200 tokens; a wrong / expired / used code → 401
 *   INVALIDLOGINEXCEPTION (5 wrong tries end the code).
 * - `POST /forgot_password {username}` → 204 whether or not a contact has the email.
 * - `POST /change_password {token, password}` → 204 (the reset; every session of the contact ends).
 * - `POST /request_email_verification {email_address}` → 204 whatever the email.
 * - `GET /verify_email?token=` → 200 with no body (as the spec documents; not 204).
 * - `GET /self-service/v2/contacts?email_address=|phone=[&country_code=]` → 200 `{contact_exists}`.
 *
 * Session routes:
 * - `POST /refresh` with `authorization: Bearer <refresh_token>` (or bare, or the v1
 *   `refresh_token` header) → 200 auth payload. The refresh token alone is enough (the contract
 *   declares only the bearer; the token names its tenant); an `api_key`, if sent, must belong to
 *   the same tenant (else 401). A back-office refresh token is refused (401).
 * - `POST /{id}/sign_out` with the contact's access token → 204; `{id}` must be the token's `sub`
 *   (403 otherwise, checked after the gateway verified the token).
 * - `POST /{id}/change_password {password, current_password?}` with the contact's token → 204; the
 *   contact's sessions end (sign in again with the new password). `{password}` alone (the
 *   contract's body) is accepted within the re-authentication window after signing in
 *   (REAUTH_WINDOW_SECONDS of identity-write, refreshes keep the sign-in time); later it is 403
 *   FORBIDDENEXCEPTION with field `current_password`: send it, or sign in again.
 * - `POST /{id}/identities {provider, email, password, phone…}` with the contact's token (its own
 *   id) or a secret api_key → 201 `{id}` (the contact id: the identity service names no identity id).
 *
 * Auth payloads: `{access_token, refresh_token, expiration_date, contact{id, type, first_name,
 * last_name, is_verified}, organisations: [], auth_otp, obfuscated_value}` with absent values
 * omitted. Register takes the names from the request (the identity service only passes them on to
 * the contacts domain); authenticate, validate_otp and refresh read `contact(id)` through the
 * gateway with the NEW access token (and validate_otp's consistency token), and fall back to
 * `{id, is_verified}` when that read fails.
 *
 * Read-your-writes: a caller that has just signed in will call next with `api_key` + `Bearer
 * <new access token>`, a different read-your-writes key than the call that created the contact.
 * So the consistency token of register / validate_otp is remembered under that NEXT key (and
 * under the bare-token variant the crm5 clients send), and flow 1 step 4's `GET
 * /self-service/v2/contacts/{id}` sees the new contact at once.
 */

const SS = '/self-service/v2/contacts';

interface ContactOut {
  id: string;
  type?: string;
  first_name?: string;
  last_name?: string;
  company_name?: string;
  is_verified?: boolean;
}

function authOut(
  tokens: GqlSessionTokens | null,
  contact: ContactOut | null,
  otp: { authOtp: string | null; obfuscatedValue: string | null } | null,
): Record<string, unknown> {
  return {
    ...(tokens ? { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expiration_date: tokens.expiresAt } : {}),
    ...(contact ? { contact } : {}),
    ...(tokens ? { organisations: [] } : {}),
    ...(otp?.authOtp ? { auth_otp: otp.authOtp } : {}),
    ...(otp?.authOtp && otp.obfuscatedValue ? { obfuscated_value: otp.obfuscatedValue } : {}),
  };
}

/**
 * The headers the caller will send after signing in: its api_key and `Bearer <access token>`,
 * plus whatever dev headers it sent (they are part of its read-your-writes key), and the request
 * ids and API family for the gateway.
 */
function nextCallerHeaders(ctx: RestContext, apiKey: string | undefined, accessToken: string): Record<string, string> {
  const out: Record<string, string> = { ...keyOnly(ctx, apiKey), authorization: `Bearer ${accessToken}` };
  for (const name of ['x-dev-principal', 'x-dev-tenant']) {
    const v = ctx.headers[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Remembers `token` under the signed-in caller's next read-your-writes keys (`Bearer <t>` and the bare token). */
async function rememberForNext(ctx: RestContext, next: Record<string, string>, accessToken: string, token: string | null): Promise<void> {
  if (!token) return;
  await Promise.all([ctx.gatewayWith(next).remember(token), ctx.gatewayWith({ ...next, authorization: accessToken }).remember(token)]);
}

/** `contact{id, type, first_name, last_name}` read with the new access token; `{id}` alone when the read fails. */
async function contactRead(ctx: RestContext, next: Record<string, string>, id: string, isVerified: boolean | undefined): Promise<ContactOut> {
  const fallback: ContactOut = { id, ...(isVerified !== undefined ? { is_verified: isVerified } : {}) };
  try {
    // a contact with a session has been (or is being) created: version 1 of it is bound to appear,
    // so the read waits for the contacts projection instead of racing the registration
    const atLeastCreated = `contact:${id}:1`;
    const tokens = [next[CONSISTENCY_HEADER], atLeastCreated].filter(Boolean).join(',');
    const data = await ctx.gatewayWith({ ...next, [CONSISTENCY_HEADER]: tokens }).run(GET_CONTACT_SUMMARY, { id }, 'auth');
    const c = data['contact'] as GqlContactSummary | null | undefined;
    if (!c) return fallback;
    return {
      id: c.id,
      type: c.type,
      ...(c.firstName ? { first_name: c.firstName } : {}),
      ...(c.lastName ? { last_name: c.lastName } : {}),
      ...(c.companyName ? { company_name: c.companyName } : {}),
      ...(isVerified !== undefined ? { is_verified: isVerified } : {}),
    };
  } catch {
    // the sign-in itself succeeded (the gateway logged the failed read); only the names are missing
    return fallback;
  }
}

/** Tokens + the contact read with them (authenticate, validate_otp). */
async function signedIn(ctx: RestContext, apiKey: string, payload: GqlContactAuthPayload): Promise<Record<string, unknown>> {
  const tokens = payload.tokens!;
  const id = payload.contactId ?? claimedSubject(tokens.accessToken);
  if (!id) throw new AppError('INTERNAL', 'the sign-in named no contact');
  const next = nextCallerHeaders(ctx, apiKey, tokens.accessToken);
  await rememberForNext(ctx, next, tokens.accessToken, payload.consistencyToken);
  return authOut(tokens, await contactRead(ctx, next, id, payload.isVerified), null);
}

/** The contact's access token (Bearer or bare) and the caller's headers with it normalised; 401 without one. */
function contactToken(ctx: RestContext, purpose: string): { headers: Record<string, string>; token: string } {
  const token = bearerToken(ctx.headers['authorization']);
  if (!token) {
    throw new AppError('UNAUTHENTICATED', `${purpose} needs the access token of the contact: authorization: Bearer <access_token>`, {
      reason: 'CREDENTIALS_REQUIRED',
    });
  }
  return { headers: { ...ctx.headers, authorization: `Bearer ${token}` }, token };
}

// ---- public-key routes ----------------------------------------------------------------------

/** POST /self-service/v2/contacts/register. */
const register: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(registerBody, await ctx.readBody());
  const input = registerIn(body);
  const apiKey = requireApiKey(ctx.headers['api_key'], 'register');
  const payload = await payloadOf<GqlContactAuthPayload>(ctx.gatewayWith(keyOnly(ctx, apiKey)), REGISTER_CONTACT, { input }, 'registerContact');
  if (!payload.contactId) throw new AppError('INTERNAL', 'registerContact named no contact');
  const contact: ContactOut = {
    id: payload.contactId,
    type: 'PERSON',
    first_name: body.first_name,
    last_name: body.last_name,
    is_verified: payload.isVerified,
  };
  if (payload.tokens) {
    const next = nextCallerHeaders(ctx, apiKey, payload.tokens.accessToken);
    await rememberForNext(ctx, next, payload.tokens.accessToken, payload.consistencyToken);
    sendJson(ctx.res, 201, authOut(payload.tokens, contact, null));
    return;
  }
  if (!payload.authOtp) throw new AppError('INTERNAL', 'registerContact returned neither tokens nor a one-time code');
  sendJson(ctx.res, 201, authOut(null, contact, payload));
};

/** POST /self-service/v2/contacts/authenticate. */
const authenticate: Handler = async (ctx) => {
  noQuery(ctx);
  const input = authenticateIn(validateBody(authenticateContactBody, await ctx.readBody()));
  const apiKey = requireApiKey(ctx.headers['api_key'], 'sign in');
  const gateway = ctx.gatewayWith(keyOnly(ctx, apiKey));
  if (isExternalProvider(input['provider'])) {
    const external = await payloadOf<GqlContactAuthPayload>(gateway, AUTHENTICATE_CONTACT_EXTERNAL, { input }, 'authenticateContactExternal');
    if (!external.tokens) throw new AppError('INTERNAL', 'authenticateContactExternal returned no tokens');
    sendJson(ctx.res, 200, await signedIn(ctx, apiKey, external));
    return;
  }
  let payload: GqlContactAuthPayload;
  try {
    payload = await payloadOf<GqlContactAuthPayload>(gateway, AUTHENTICATE_CONTACT, { input }, 'authenticateContact');
  } catch (err) {
    // a one-time code for an unknown email or phone: the same answer as a wrong password
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw new AppError('UNAUTHENTICATED', 'the username or password is not correct', {
        reason: 'INVALID_LOGIN',
        exception: 'INVALIDLOGINEXCEPTION',
      });
    }
    throw err;
  }
  if (payload.tokens) {
    sendJson(ctx.res, 200, await signedIn(ctx, apiKey, payload));
    return;
  }
  if (!payload.authOtp) throw new AppError('INTERNAL', 'authenticateContact returned neither tokens nor a one-time code');
  sendJson(ctx.res, 200, authOut(null, null, payload));
};

/** GET /self-service/v2/contacts/oidc/{type}?redirect_url= → `{authorization_url}`. */
const oidcAuthorization: Handler = async (ctx) => {
  const variables = oidcStartIn(param(ctx, 'type'), ctx.url.searchParams);
  const apiKey = requireApiKey(ctx.headers['api_key'], 'start an OIDC sign-in');
  const payload = await payloadOf<GqlOidcAuthorizationPayload>(
    ctx.gatewayWith(keyOnly(ctx, apiKey)),
    OIDC_AUTHORIZATION_URL,
    variables,
    'oidcAuthorizationUrl',
  );
  if (!payload.authorizationUrl) throw new AppError('INTERNAL', 'oidcAuthorizationUrl returned no URL');
  sendJson(ctx.res, 200, { authorization_url: payload.authorizationUrl });
};

/** POST /self-service/v2/contacts/otp. */
const requestOtp: Handler = async (ctx) => {
  noQuery(ctx);
  const credential = otpCredentialIn(validateBody(otpBody, await ctx.readBody()));
  const apiKey = requireApiKey(ctx.headers['api_key'], 'request a one-time code');
  const payload = await payloadOf<GqlContactAuthPayload>(
    ctx.gatewayWith(keyOnly(ctx, apiKey)),
    REQUEST_CONTACT_OTP,
    { credential },
    'requestContactOtp',
  );
  if (!payload.authOtp || !payload.obfuscatedValue) throw new AppError('INTERNAL', 'requestContactOtp returned no one-time code');
  sendJson(ctx.res, 200, { auth_otp: payload.authOtp, obfuscated_value: payload.obfuscatedValue });
};

/** POST /self-service/v2/contacts/validate_otp. */
const validateOtp: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(validateOtpBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'validate a one-time code');
  const payload = await payloadOf<GqlContactAuthPayload>(
    ctx.gatewayWith(keyOnly(ctx, apiKey)),
    VALIDATE_CONTACT_OTP,
    { authOtp: canonicalGuid(body.auth_otp), code: body.code },
    'validateContactOtp',
  );
  if (!payload.tokens) throw new AppError('INTERNAL', 'validateContactOtp returned no tokens');
  sendJson(ctx.res, 200, await signedIn(ctx, apiKey, payload));
};

/** POST /self-service/v2/contacts/forgot_password: 204 whatever the email, so it reveals no account. */
const forgotPassword = keyOnlyCommand({
  body: contactForgotPasswordBody,
  purpose: 'reset a password',
  op: REQUEST_CONTACT_PASSWORD_RESET,
  field: 'requestContactPasswordReset',
  variables: (body) => ({ username: body.username }),
});

/** POST /self-service/v2/contacts/change_password {token, password}: completes a reset. */
const resetPassword = keyOnlyCommand({
  body: resetPasswordBody,
  purpose: 'reset a password',
  op: RESET_CONTACT_PASSWORD,
  field: 'resetContactPassword',
  variables: (body) => ({ token: body.token, password: body.password }),
});

/** POST /self-service/v2/contacts/request_email_verification: 204 whatever the email. */
const requestEmailVerification = keyOnlyCommand({
  body: emailVerificationBody,
  purpose: 'request an email verification',
  op: REQUEST_CONTACT_EMAIL_VERIFICATION,
  field: 'requestContactEmailVerification',
  variables: (body) => ({ email: verificationEmailOf(body) }),
});

/** GET /self-service/v2/contacts/verify_email?token= → 200 without a body (the spec's answer). */
const verifyEmail: Handler = async (ctx) => {
  const token = (queryParams(ctx.url.searchParams, ['token']).get('token') ?? '').trim();
  if (!token) throw AppError.validation('token', 'is required', 'REQUIRED');
  if (token.length > MAX_LINK_TOKEN_LENGTH) throw AppError.validation('token', 'the link is invalid or has expired', 'INVALID_TOKEN');
  const apiKey = requireApiKey(ctx.headers['api_key'], 'verify an email');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), VERIFY_CONTACT_EMAIL, { token }, 'verifyContactEmail');
  sendJson(ctx.res, 200, undefined);
};

/** GET /self-service/v2/contacts?email_address=|phone= → `{contact_exists}`. */
const contactExists: Handler = async (ctx) => {
  const variables = existenceQuery(ctx.url.searchParams);
  const apiKey = requireApiKey(ctx.headers['api_key'], 'check whether a contact exists');
  const data = await ctx.gatewayWith(keyOnly(ctx, apiKey)).run(CONTACT_IDENTITY_EXISTS, variables, 'auth');
  const exists = data['contactIdentityExists'];
  if (typeof exists !== 'boolean') throw new AppError('INTERNAL', 'contactIdentityExists returned no boolean');
  sendJson(ctx.res, 200, { contact_exists: exists });
};

// ---- session routes -------------------------------------------------------------------------

/** POST /self-service/v2/contacts/refresh. */
const refresh: Handler = async (ctx) => {
  noQuery(ctx);
  validateBody(emptyBody, await ctx.readOptionalBody());
  const refreshToken = refreshTokenOf(ctx.headers['authorization'], headerValue(ctx.req, 'refresh_token'));
  const { headers, apiKey } = refreshCredentials(ctx, refreshToken);
  const payload = await payloadOf<GqlAuthPayload>(ctx.gatewayWith(headers), REFRESH_SESSION, { refreshToken }, 'refreshSession');
  const tokens = payload.tokens;
  if (!tokens) throw new AppError('INTERNAL', 'refreshSession returned no tokens');
  const claims = unverifiedClaims(tokens.accessToken);
  const subject = typeof claims?.['sub'] === 'string' ? claims['sub'] : undefined;
  if (claims?.['aud'] !== 'crm-self-service' || !subject) {
    throw new AppError('UNAUTHENTICATED', 'the refresh token is not one of a contact session: use the refresh route of its own API', {
      reason: 'INVALID_REFRESH_TOKEN',
    });
  }
  const next = nextCallerHeaders(ctx, apiKey, tokens.accessToken);
  sendJson(ctx.res, 200, authOut(tokens, await contactRead(ctx, next, subject, undefined), null));
};

/** POST /self-service/v2/contacts/{id}/sign_out. */
const signOut: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  validateBody(signOutBody, await ctx.readOptionalBody());
  const { headers, token } = contactToken(ctx, 'sign_out');
  const subject = claimedSubject(token);
  if (!subject) throw new AppError('UNAUTHENTICATED', 'the access token is invalid or expired', { reason: 'INVALID_TOKEN' });
  const gateway = ctx.gatewayWith(headers);
  // the gateway verifies the token (signature, self-service audience, revocation) before the subject is trusted
  await gateway.run(VERIFY_CREDENTIALS, {}, 'auth');
  if (canonicalPathId(subject) !== id) {
    throw new AppError(
      'FORBIDDEN',
      'a contact can only sign out of its own session: {id} must be the contact id of the access token (its sub claim)',
      {
        reason: 'NOT_TOKEN_SUBJECT',
      },
    );
  }
  const payload = await payloadOf<GqlSignOutPayload>(gateway, SIGN_OUT, {}, 'signOut');
  if (!payload.signedOut) throw new AppError('INTERNAL', 'mutation signOut did not sign out');
  sendJson(ctx.res, 204, undefined);
};

/** POST /self-service/v2/contacts/{id}/change_password {password, current_password?}. */
const changePassword: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  requireContactGuid(raw);
  const body = validateBody(changePasswordBody, await ctx.readBody());
  const { headers } = contactToken(ctx, 'change_password');
  await done(
    ctx.gatewayWith(headers),
    CHANGE_CONTACT_PASSWORD,
    { contactId: canonicalPathId(raw), password: body.password, currentPassword: body.current_password ?? null },
    'changeContactPassword',
  );
  sendJson(ctx.res, 204, undefined);
};

/** POST /self-service/v2/contacts/{id}/identities → 201 `{id}` (the contact). */
const addIdentity: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  requireContactGuid(raw);
  const input = identityIn(validateBody(identificationBody, await ctx.readBody()), '');
  const contactId = canonicalPathId(raw);
  const token = bearerToken(ctx.headers['authorization']);
  const headers = token ? { ...ctx.headers, authorization: `Bearer ${token}` } : { ...ctx.headers };
  await done(ctx.gatewayWith(headers), ADD_CONTACT_IDENTITY, { contactId, input }, 'addContactIdentity');
  sendJson(ctx.res, 201, { id: contactId });
};

const SSAUTH = 'Self-service authentication';
const SPELLINGS = 'The phone goes as phone{number, country_code} or as the older flat phone_number + country_code (not both).';

/**
 * Self-service contact identities. Their literal paths (`/contacts/register`, `/contacts/refresh`…)
 * win over the `/contacts/:id` routes of self-service/contacts whatever the registration order
 * (a literal segment beats a parameter), so `/contacts/register` is never read as the contact
 * "register"; as a consequence those words cannot be used as contact codes in self-service paths.
 */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-auth',
  openapi: mergeFragments(contactComponents, signInComponents, {
    tags: [
      {
        name: SSAUTH,
        description:
          'Contact identities (NOTES §2.1): register, sign in by password, one-time code or an external provider (OIDC, Google, Facebook), refresh, sign out, passwords, email verification.',
      },
    ],
    parameters: {
      OidcType: {
        name: 'type',
        in: 'path',
        required: true,
        description:
          'The OIDC provider type configured for the business (lower-case letters, digits, `_` and `-`; `google` for Google). Upper case is accepted and lower-cased. An unknown type is a 400 naming `type`.',
        schema: { type: 'string', minLength: 1, maxLength: 40 },
      },
      SelfContactId: {
        name: 'id',
        in: 'path',
        required: true,
        description:
          'The contact GUID (dashed or 32 hex digits, any case). With a contact access token it must be that contact (the `sub` claim of the token): sign_out answers another id with 403, change_password and identities with 404 (as for an unknown contact).',
        schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
      },
      ExistsEmailAddress: query(
        'email_address',
        { type: 'string', maxLength: 254 },
        'The email to look for. Send email_address (or email) or phone.',
      ),
      ExistsEmail: query('email', { type: 'string', maxLength: 254 }, 'Alternative spelling of email_address (send at most one).'),
      ExistsPhone: query(
        'phone',
        { type: 'string', maxLength: 60 },
        'The phone to look for: `CYP:99123456`, or the number alone with country_code. Spaces, dashes, dots, parentheses and a leading + are ignored; 4 to 15 digits.',
      ),
      ExistsCountryCode: query(
        'country_code',
        { type: 'string', minLength: 3, maxLength: 3 },
        `ISO 3166-1 alpha-3 country of phone. ${CASE_INSENSITIVE}`,
      ),
      OidcRedirectUrl: {
        ...query(
          'redirect_url',
          { type: 'string', minLength: 1, maxLength: MAX_REDIRECT_URL_LENGTH },
          'Where the provider sends the contact back (with code and state); must be one of the redirect URLs registered for the provider, else a 400 naming redirect_url.',
        ),
        required: true,
      },
      VerifyEmailToken: {
        ...query('token', { type: 'string', minLength: 1, maxLength: 200 }, 'The token of the verification email.'),
        required: true,
      },
    },
    responses: {
      InvalidOtp: errorResponseOf(
        'The api_key is missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION), or the code is wrong, expired, already used, or its 5 tries are spent (CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION).',
      ),
      CredentialNotFound: errorResponseOf('No contact of the tenant has this email or phone (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
      RegisterConflict: errorResponseOf('A contact with this email or phone is already registered (CRM.EXCEPTIONS.CONFLICTEXCEPTION).'),
    },
    requestSchemas: [
      {
        name: 'ContactRegisterRequest',
        schema: registerBody,
        extend: { description: 'Registers a contact (a PERSON) with one EMAIL or PHONE identity; the tenant comes from the api_key.' },
      },
      {
        name: 'ContactIdentificationRequest',
        schema: identificationBody,
        extend: {
          description: `Login credentials: EMAIL (email, optional password) or PHONE (phone). Without a password a one-time code is sent to confirm the identity. ${SPELLINGS} Social providers are not supported.`,
          ...notBoth('phone', 'phone_number'),
        },
      },
      { name: 'ContactPhoneRequest', schema: phoneBody },
      {
        name: 'ContactAuthenticateRequest',
        schema: authenticateContactBody,
        extend: {
          description: `EMAIL + password signs in at once; EMAIL without a password, or PHONE, sends a one-time code (answered with auth_otp). ${SPELLINGS} OIDC_OAUTH / GOOGLE: code + state (+ iss) as the provider redirected back with them after GET /contacts/oidc/{type}. FACEBOOK: token (+ application_id). Each provider takes only its own fields: any other non-null field is a 400 naming it. APPLE and MAC_ADDRESS are not supported.`,
          ...notBoth('phone', 'phone_number'),
        },
      },
      {
        name: 'ContactOtpRequest',
        schema: otpBody,
        extend: {
          description:
            "Exactly one credential, PHONE or EMAIL. A PHONE value is `CYP:99123456` (country, colon, number), or the number alone with the credential's country_code.",
        },
      },
      {
        name: 'ContactValidateOtpRequest',
        schema: validateOtpBody,
        extend: { description: 'At most 5 tries per code; a code is valid for 5 minutes and works once.' },
      },
      {
        name: 'ContactForgotPasswordRequest',
        schema: contactForgotPasswordBody,
        extend: { description: 'Answered with 204 whether or not a contact has this email.' },
      },
      {
        name: 'ContactResetPasswordRequest',
        schema: resetPasswordBody,
        extend: { description: 'Completes a password reset with the token of the reset email; every session of the contact ends.' },
      },
      {
        name: 'ContactChangePasswordRequest',
        schema: changePasswordBody,
        extend: {
          description:
            'When the contact already has a password, current_password may be left out only within the re-authentication window after signing in (5 minutes by default; refreshing keeps the sign-in time); later it is required. Every session of the contact ends.',
        },
      },
      {
        name: 'ContactEmailVerificationRequest',
        schema: emailVerificationBody,
        extend: {
          description: 'Send email_address (or its alternative spelling email). Answered with 204 whatever the email.',
          ...exactlyOneOf('email_address', 'email'),
        },
      },
      { name: 'ContactSignOutRequest', schema: signOutBody, extend: { description: 'Optional; accepted and ignored.' } },
    ],
    responseSchemas: [
      {
        name: 'ContactAuth',
        schema: contactAuthResponse,
        description:
          'A self-service auth payload (NOTES §1.3): tokens, or auth_otp + obfuscated_value when a one-time code must be validated first. Absent values are omitted, never null.',
      },
      { name: 'ContactOtp', schema: otpResponse, description: 'A one-time code was sent.' },
      { name: 'ContactExists', schema: contactExistsResponse, description: 'Whether a contact with this email or phone exists in the tenant.' },
      {
        name: 'OidcAuthorization',
        schema: oidcAuthorizationResponse,
        description: 'Where to send the contact to sign in with an OIDC provider (NOTES §7 flow 6).',
      },
    ],
  }),
  routes: [
    {
      method: 'GET',
      path: SS,
      handler: contactExists,
      operations: [CONTACT_IDENTITY_EXISTS],
      doc: {
        operationId: 'verifyContactExistsSS',
        summary: 'Check whether a contact exists',
        description:
          'By email (email_address, or email) or by phone (phone, with country_code unless it is written `CYP:99123456`). Needs only the api_key.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        query: ['ExistsEmailAddress', 'ExistsEmail', 'ExistsPhone', 'ExistsCountryCode'],
        success: { status: 200, description: 'Whether the contact exists.', schema: 'ContactExists' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/register`,
      handler: register,
      operations: [REGISTER_CONTACT, GET_CONTACT_SUMMARY],
      doc: {
        operationId: 'registerContactSS',
        summary: 'Register a contact',
        description:
          'EMAIL + password: tokens at once. PHONE, or EMAIL without a password: a one-time code is sent and the answer carries auth_otp and obfuscated_value instead of tokens (then POST /contacts/validate_otp). Registrations are counted per email/phone and per address; past the limit the answer is 429 with Retry-After.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactRegisterRequest',
        conflict: 'RegisterConflict',
        tooMany: 'TooManyLogins',
        success: { status: 201, description: 'Registered.', schema: 'ContactAuth' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/authenticate`,
      handler: authenticate,
      operations: [AUTHENTICATE_CONTACT, AUTHENTICATE_CONTACT_EXTERNAL, GET_CONTACT_SUMMARY],
      doc: {
        operationId: 'authenticateContactSS',
        summary: 'Sign in a contact',
        description:
          'EMAIL + password → tokens. EMAIL without a password, or PHONE → a one-time code is sent (auth_otp, obfuscated_value). An unknown email or phone and a wrong password get the same 401. OIDC_OAUTH / GOOGLE (code + state from GET /contacts/oidc/{type}) and FACEBOOK (token) → tokens; their first sign-in registers the contact; a bad, used or expired code, state or token is a 401. Failed sign-ins are counted; past the limit 429 with Retry-After.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactAuthenticateRequest',
        unauthorized: 'InvalidLogin',
        tooMany: 'TooManyLogins',
        success: { status: 200, description: 'Signed in, or a one-time code was sent.', schema: 'ContactAuth' },
      },
    },
    {
      method: 'GET',
      path: `${SS}/oidc/:type`,
      handler: oidcAuthorization,
      operations: [OIDC_AUTHORIZATION_URL],
      pathParameters: { type: 'OidcType' },
      doc: {
        operationId: 'getOidcAuthorizationUrlSS',
        summary: 'Start an OIDC sign-in',
        description:
          'NOTES §7 flow 6: answers the authorization URL of the provider, with a single-use state valid for 10 minutes. Send the contact there; the provider redirects back to redirect_url with code and state, which go to POST /contacts/authenticate with provider OIDC_OAUTH (or GOOGLE for the type google). Needs only the api_key.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        query: ['OidcRedirectUrl'],
        success: { status: 200, description: 'The authorization URL.', schema: 'OidcAuthorization' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/otp`,
      handler: requestOtp,
      operations: [REQUEST_CONTACT_OTP],
      doc: {
        operationId: 'requestContactOtpSS',
        summary: 'Send a one-time code',
        description:
          'A 6-digit code goes by SMS (PHONE) or email (EMAIL) to the contact with that credential. Requests are counted; past the limit 429 with Retry-After.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactOtpRequest',
        notFound: 'CredentialNotFound',
        tooMany: 'TooManyLogins',
        success: { status: 200, description: 'The code was sent.', schema: 'ContactOtp' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/validate_otp`,
      handler: validateOtp,
      operations: [VALIDATE_CONTACT_OTP, GET_CONTACT_SUMMARY],
      doc: {
        operationId: 'validateContactOtpSS',
        summary: 'Validate a one-time code',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactValidateOtpRequest',
        unauthorized: 'InvalidOtp',
        success: { status: 200, description: 'Signed in; the identity is now verified.', schema: 'ContactAuth' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/refresh`,
      handler: refresh,
      operations: [REFRESH_SESSION, GET_CONTACT_SUMMARY],
      doc: {
        operationId: 'refreshContactSessionSS',
        summary: 'Refresh a contact session',
        description:
          'The refresh token goes in `authorization: Bearer <refresh_token>` (also accepted without `Bearer `, or in the v1 `refresh_token` header); it is the only credential needed (it names its tenant). An api_key may come along and must then belong to the same tenant. No body (an empty JSON object is accepted). The refresh token is spent: a repeat within the reuse grace window returns the same new pair, a later repeat ends the session. The new access token keeps the sign-in time (`auth_time`). 401 means: sign in again.',
        tag: SSAUTH,
        audience: 'refresh',
        unauthorized: 'InvalidRefresh',
        success: { status: 200, description: 'A new token pair.', schema: 'ContactAuth' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/forgot_password`,
      handler: forgotPassword,
      operations: [REQUEST_CONTACT_PASSWORD_RESET],
      doc: {
        operationId: 'forgotPasswordSS',
        summary: 'Ask for a password reset',
        description: 'Emails a reset token when a contact has this email. Answered with 204 either way, so it reveals no account.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactForgotPasswordRequest',
        success: { status: 204, description: 'Accepted. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/change_password`,
      handler: resetPassword,
      operations: [RESET_CONTACT_PASSWORD],
      doc: {
        operationId: 'changeForgottenPasswordSS',
        summary: 'Reset a forgotten password',
        description: 'With the token of the reset email (valid for 1 hour, once). An invalid, used or expired token is a 400 naming `token`.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactResetPasswordRequest',
        success: { status: 204, description: 'The password was changed. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/request_email_verification`,
      handler: requestEmailVerification,
      operations: [REQUEST_CONTACT_EMAIL_VERIFICATION],
      doc: {
        operationId: 'requestEmailVerificationSS',
        summary: 'Ask for an email verification',
        description: 'Emails a verification token when an unverified contact identity has this email. Answered with 204 either way.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        body: 'ContactEmailVerificationRequest',
        success: { status: 204, description: 'Accepted. No body.' },
      },
    },
    {
      method: 'GET',
      path: `${SS}/verify_email`,
      handler: verifyEmail,
      operations: [VERIFY_CONTACT_EMAIL],
      doc: {
        operationId: 'verifyContactEmailSS',
        summary: 'Verify an email',
        description:
          'With the token of the verification email (valid for 1 hour, once), and the api_key. An invalid, used or expired token is a 400 naming `token`.',
        tag: SSAUTH,
        audience: 'apiKeyOnly',
        query: ['VerifyEmailToken'],
        success: { status: 200, description: 'Verified. No body (as the Self-Service v2 spec documents).' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/:id/sign_out`,
      handler: signOut,
      operations: [VERIFY_CREDENTIALS, SIGN_OUT],
      pathParameters: { id: 'SelfContactId' },
      doc: {
        operationId: 'signOutContactSS',
        summary: 'Sign out',
        description:
          "Ends the session of the access token: its refresh tokens stop working at once, its access tokens within moments. `{id}` must be the token's contact id (`sub`); any other id is 403.",
        tag: SSAUTH,
        audience: 'contact',
        body: 'ContactSignOutRequest',
        bodyOptional: true,
        success: { status: 204, description: 'Signed out. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/:id/change_password`,
      handler: changePassword,
      operations: [CHANGE_CONTACT_PASSWORD],
      pathParameters: { id: 'SelfContactId' },
      doc: {
        operationId: 'changePasswordSS',
        summary: 'Change the password',
        description:
          'The signed-in contact sets a new password; every session of the contact ends (sign in again with the new password). `{password}` alone is accepted within the re-authentication window after signing in (5 minutes by default, counted from the sign-in: refreshing does not renew it); later the answer is 403 (CRM.EXCEPTIONS.FORBIDDENEXCEPTION, field `current_password`): send `current_password`, or sign in again. A wrong `current_password` is 400.',
        tag: SSAUTH,
        audience: 'contact',
        body: 'ContactChangePasswordRequest',
        notFound: true,
        success: { status: 204, description: 'The password was changed. No body.' },
      },
    },
    {
      method: 'POST',
      path: `${SS}/:id/identities`,
      handler: addIdentity,
      operations: [ADD_CONTACT_IDENTITY],
      pathParameters: { id: 'SelfContactId' },
      doc: {
        operationId: 'addContactIdentitySS',
        summary: 'Add login credentials to a contact',
        description:
          'For a contact that already existed (e.g. created in the back office): with its own access token, or a secret api_key. The answer names the contact (the identity has no id of its own here).',
        tag: SSAUTH,
        audience: 'contactOrSecret',
        body: 'ContactIdentificationRequest',
        conflict: 'RegisterConflict',
        notFound: true,
        success: { status: 201, description: 'Added; the id of the contact.', schema: 'IdResult' },
      },
    },
  ],
});
