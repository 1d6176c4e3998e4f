import { AppError } from '@crm/platform/errors';
import type { Route } from './router';
import { done, payloadOf } from './mutation-payloads';
import { CONSISTENCY_HEADER, noQuery, param, sendJson, type Handler, type RestContext } from './rest-context';
import { validateBody } from './contact-bodies';
import { canonicalPathId, headerValue, queryParams } from './request';
import { bearerToken, claimedSubject, emptyBody, refreshTokenOf, requireApiKey } from './user-bodies';
import { keyOnly, refreshCredentials } from './users.routes';
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
} from './contact-auth-bodies';
import {
  ADD_CONTACT_IDENTITY,
  AUTHENTICATE_CONTACT,
  AUTHENTICATE_CONTACT_EXTERNAL,
  CHANGE_CONTACT_PASSWORD,
  CONTACT_IDENTITY_EXISTS,
  GET_CONTACT_SUMMARY,
  OIDC_AUTHORIZATION_URL,
  REFRESH_SESSION,
  REGISTER_CONTACT,
  REQUEST_CONTACT_EMAIL_VERIFICATION,
  REQUEST_CONTACT_OTP,
  REQUEST_CONTACT_PASSWORD_RESET,
  RESET_CONTACT_PASSWORD,
  SIGN_OUT,
  VALIDATE_CONTACT_OTP,
  VERIFY_CONTACT_EMAIL,
  VERIFY_CREDENTIALS,
  type GqlAuthPayload,
  type GqlContactAuthPayload,
  type GqlContactSummary,
  type GqlOidcAuthorizationPayload,
  type GqlSessionTokens,
  type GqlSignOutPayload,
} from './operations';

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

function authOut(tokens: GqlSessionTokens | null, contact: ContactOut | null, otp: { authOtp: string | null; obfuscatedValue: string | null } | null): Record<string, unknown> {
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
    throw new AppError('UNAUTHENTICATED', `${purpose} needs the access token of the contact: authorization: Bearer <access_token>`, { reason: 'CREDENTIALS_REQUIRED' });
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
  const contact: ContactOut = { id: payload.contactId, type: 'PERSON', first_name: body.first_name, last_name: body.last_name, is_verified: payload.isVerified };
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
      throw new AppError('UNAUTHENTICATED', 'the username or password is not correct', { reason: 'INVALID_LOGIN', exception: 'INVALIDLOGINEXCEPTION' });
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
  const payload = await payloadOf<GqlOidcAuthorizationPayload>(ctx.gatewayWith(keyOnly(ctx, apiKey)), OIDC_AUTHORIZATION_URL, variables, 'oidcAuthorizationUrl');
  if (!payload.authorizationUrl) throw new AppError('INTERNAL', 'oidcAuthorizationUrl returned no URL');
  sendJson(ctx.res, 200, { authorization_url: payload.authorizationUrl });
};

/** POST /self-service/v2/contacts/otp. */
const requestOtp: Handler = async (ctx) => {
  noQuery(ctx);
  const credential = otpCredentialIn(validateBody(otpBody, await ctx.readBody()));
  const apiKey = requireApiKey(ctx.headers['api_key'], 'request a one-time code');
  const payload = await payloadOf<GqlContactAuthPayload>(ctx.gatewayWith(keyOnly(ctx, apiKey)), REQUEST_CONTACT_OTP, { credential }, 'requestContactOtp');
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
const forgotPassword: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(contactForgotPasswordBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'reset a password');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), REQUEST_CONTACT_PASSWORD_RESET, { username: body.username }, 'requestContactPasswordReset');
  sendJson(ctx.res, 204, undefined);
};

/** POST /self-service/v2/contacts/change_password {token, password}: completes a reset. */
const resetPassword: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(resetPasswordBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'reset a password');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), RESET_CONTACT_PASSWORD, { token: body.token, password: body.password }, 'resetContactPassword');
  sendJson(ctx.res, 204, undefined);
};

/** POST /self-service/v2/contacts/request_email_verification: 204 whatever the email. */
const requestEmailVerification: Handler = async (ctx) => {
  noQuery(ctx);
  const email = verificationEmailOf(validateBody(emailVerificationBody, await ctx.readBody()));
  const apiKey = requireApiKey(ctx.headers['api_key'], 'request an email verification');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), REQUEST_CONTACT_EMAIL_VERIFICATION, { email }, 'requestContactEmailVerification');
  sendJson(ctx.res, 204, undefined);
};

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
    throw new AppError('UNAUTHENTICATED', 'the refresh token is not one of a contact session: use the refresh route of its own API', { reason: 'INVALID_REFRESH_TOKEN' });
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
    throw new AppError('FORBIDDEN', 'a contact can only sign out of its own session: {id} must be the contact id of the access token (its sub claim)', {
      reason: 'NOT_TOKEN_SUBJECT',
    });
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

/**
 * Literal paths come before the `/contacts/:id` routes of contacts.routes.ts (the router takes
 * the first match), so `/contacts/register` is never read as the contact "register"; as a
 * consequence those words cannot be used as contact codes in self-service paths.
 */
export function contactAuthRoutes(): Route<Handler>[] {
  return [
    { pattern: SS, handlers: { GET: contactExists } },
    { pattern: `${SS}/register`, handlers: { POST: register } },
    { pattern: `${SS}/authenticate`, handlers: { POST: authenticate } },
    { pattern: `${SS}/oidc/:type`, handlers: { GET: oidcAuthorization } },
    { pattern: `${SS}/otp`, handlers: { POST: requestOtp } },
    { pattern: `${SS}/validate_otp`, handlers: { POST: validateOtp } },
    { pattern: `${SS}/refresh`, handlers: { POST: refresh } },
    { pattern: `${SS}/forgot_password`, handlers: { POST: forgotPassword } },
    { pattern: `${SS}/change_password`, handlers: { POST: resetPassword } },
    { pattern: `${SS}/request_email_verification`, handlers: { POST: requestEmailVerification } },
    { pattern: `${SS}/verify_email`, handlers: { GET: verifyEmail } },
    { pattern: `${SS}/:id/sign_out`, handlers: { POST: signOut } },
    { pattern: `${SS}/:id/change_password`, handlers: { POST: changePassword } },
    { pattern: `${SS}/:id/identities`, handlers: { POST: addIdentity } },
  ];
}

