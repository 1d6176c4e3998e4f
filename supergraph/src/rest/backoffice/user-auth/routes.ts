import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type GatewayCaller, type Handler, type RestContext } from '../../kit/context';
import { fromUserError, invalid } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { canonicalPathId, headerValue, isUuid } from '../../kit/request';
import { errorResponseOf } from '../../kit/openapi';
import { MAX_SEGMENT_LENGTH } from '../../kit/router';
import { defineResource, mergeFragments } from '../../kit/resource';
import type { Operation } from '../../kit/operation';
import {
  authenticateBody,
  bearerToken,
  claimedSubject,
  emptyBody,
  forgotPasswordBody,
  keyOnly,
  keyOnlyCommand,
  refreshCredentials,
  modeOfApiKey,
  refreshTokenOf,
  requireApiKey,
  resetPasswordBody,
} from '../../domains/identity/session';
import {
  REFRESH_SESSION,
  SIGN_OUT,
  VERIFY_CREDENTIALS,
  type GqlAuthPayload,
  type GqlSessionTokens,
  type GqlSignOutPayload,
} from '../../domains/identity/operations';
import { BOU, BOU_TAG, signInComponents } from '../../domains/identity/openapi';
import { AUTHENTICATE_USER, REQUEST_USER_PASSWORD_RESET, RESET_USER_PASSWORD, SWITCH_ORGANISATION } from './operations';
import { authTokensResponse } from './schemas';

/**
 * Back-office user sessions (NOTES §1.2, §1.3, §3.2; flow 19):
 *
 * - `POST /users/authenticate` `{provider?:"EMAIL", username, password}` with `api_key` (public or
 *   secret: it names the tenant) → 200 token payload. Unknown user, wrong password and disabled
 *   user all get the same 401 CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION; too many failures → 429 with
 *   Retry-After. Only the api_key is passed on (a stale access token must not break a sign-in).
 * - `POST /users/refresh` (no body, `{}` tolerated) with the refresh token in `authorization`
 *   (`Bearer <t>` or bare) or the v1 `refresh_token` header → 200 token payload. The refresh
 *   token alone is enough (it names its tenant; the gateway resolves it): it goes to the gateway
 *   as the bearer credential and to `refreshSession` as the argument. An `api_key` (the crm5_bo
 *   client sends one) is optional and must belong to the token's tenant (else 401).
 * - `POST /users/{id}/sign_out` with the user's access token → 204; the session ends (its access
 *   tokens get 401 once the gateway has seen the revocation event, its refresh tokens at once).
 *   `{id}` must be the token's `sub` (the user id): any other id is 403 — whether or not that user
 *   exists, so nothing is revealed — and only after the gateway verified the token (a bad token is
 *   always 401).
 * - `POST /organisations/switch/{id}` with the user's access token → 200 token payload acting for
 *   that organisation of the tenant; unknown organisation 404, a malformed id 400.
 * - `POST /users/forgot_password` `{email}` with `api_key` → 204 whatever the email (no enumeration).
 *
 * `mode` (LIVE/TEST) comes from the api_key of the call; it is omitted when the call had none.
 */

function tokensOut(tokens: GqlSessionTokens, mode: 'LIVE' | 'TEST' | undefined): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expiration_date: tokens.expiresAt,
    ...(mode ? { mode } : {}),
    password_expired: false,
  };
}

/** Runs a mutation returning AuthPayload: a payload UserError becomes an AppError, no tokens is a 500. */
async function tokensFrom(gateway: GatewayCaller, op: Operation, variables: Record<string, unknown>, field: string): Promise<GqlSessionTokens> {
  const data = await gateway.run(op, variables, 'auth');
  const payload = data[field] as GqlAuthPayload | null | undefined;
  const first = payload?.errors?.[0];
  if (first) throw fromUserError(first, 'auth');
  if (!payload?.tokens) throw new AppError('INTERNAL', `mutation ${field} returned no tokens`);
  return payload.tokens;
}

/** The caller's headers with the access token as `Bearer <token>`; 401 when there is none. */
function withAccessToken(ctx: RestContext, purpose: string): { headers: Record<string, string>; token: string } {
  const token = bearerToken(ctx.headers['authorization']);
  if (!token) {
    throw new AppError('UNAUTHENTICATED', `${purpose} needs the access token of the user: authorization: Bearer <access_token>`, {
      reason: 'CREDENTIALS_REQUIRED',
    });
  }
  return { headers: { ...ctx.headers, authorization: `Bearer ${token}` }, token };
}

/** POST /backoffice/v2/users/authenticate. */
const authenticate: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(authenticateBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'sign in');
  const tokens = await tokensFrom(
    ctx.gatewayWith(keyOnly(ctx, apiKey)),
    AUTHENTICATE_USER,
    { input: { username: body.username, password: body.password } },
    'authenticateUser',
  );
  sendJson(ctx.res, 200, tokensOut(tokens, modeOfApiKey(apiKey)));
};

/** POST /backoffice/v2/users/refresh. */
const refresh: Handler = async (ctx) => {
  noQuery(ctx);
  validateBody(emptyBody, await ctx.readOptionalBody());
  const refreshToken = refreshTokenOf(ctx.headers['authorization'], headerValue(ctx.req, 'refresh_token'));
  const { headers, apiKey } = refreshCredentials(ctx, refreshToken);
  const tokens = await tokensFrom(ctx.gatewayWith(headers), REFRESH_SESSION, { refreshToken }, 'refreshSession');
  sendJson(ctx.res, 200, tokensOut(tokens, modeOfApiKey(apiKey)));
};

/** POST /backoffice/v2/users/{id}/sign_out. */
const signOut: Handler = async (ctx) => {
  noQuery(ctx);
  const id = canonicalPathId(param(ctx, 'id'));
  validateBody(emptyBody, await ctx.readOptionalBody());
  const { headers, token } = withAccessToken(ctx, 'sign_out');
  const subject = claimedSubject(token);
  if (!subject) throw new AppError('UNAUTHENTICATED', 'the access token is invalid or expired', { reason: 'INVALID_TOKEN' });
  const gateway = ctx.gatewayWith(headers);
  // the gateway verifies the token (signature, audience, revocation) before the subject is trusted
  await gateway.run(VERIFY_CREDENTIALS, {}, 'auth');
  if (canonicalPathId(subject) !== id) {
    throw new AppError('FORBIDDEN', 'a user can only sign out of their own session: {id} must be the user id of the access token (its sub claim)', {
      reason: 'NOT_TOKEN_SUBJECT',
    });
  }
  const data = await gateway.run(SIGN_OUT, {}, 'auth');
  const payload = data['signOut'] as GqlSignOutPayload | null | undefined;
  const first = payload?.errors?.[0];
  if (first) throw fromUserError(first, 'auth');
  if (!payload) throw new AppError('INTERNAL', 'mutation signOut returned no payload');
  sendJson(ctx.res, 204, undefined);
};

/** POST /backoffice/v2/organisations/switch/{id}. */
const switchOrganisation: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw invalid('id', 'must be an organisation GUID (dashed or 32 hex digits)', 'INVALID_ID');
  const organisationId = canonicalPathId(raw);
  validateBody(emptyBody, await ctx.readOptionalBody());
  const { headers } = withAccessToken(ctx, 'switching organisation');
  const tokens = await tokensFrom(ctx.gatewayWith(headers), SWITCH_ORGANISATION, { organisationId }, 'switchOrganisation');
  sendJson(ctx.res, 200, tokensOut(tokens, modeOfApiKey(ctx.headers['api_key'])));
};

/** POST /backoffice/v2/users/forgot_password: 204 whatever the email, so it reveals no account. */
const forgotPassword = keyOnlyCommand({
  body: forgotPasswordBody,
  purpose: 'reset a password',
  op: REQUEST_USER_PASSWORD_RESET,
  field: 'requestUserPasswordReset',
  variables: (body) => ({ email: body.email }),
});

/**
 * POST /backoffice/v2/users/change_password `{token, password}`: completes a reset with the
 * emailed token (by analogy with the Self-Service `/contacts/change_password`); every session of
 * the user ends. An invalid, used or expired token is a 400 naming `token`.
 */
const changeForgottenPassword = keyOnlyCommand({
  body: resetPasswordBody,
  purpose: 'reset a password',
  op: RESET_USER_PASSWORD,
  field: 'resetUserPassword',
  variables: (body) => ({ token: body.token, password: body.password }),
});

/** Back-office user sessions: sign in, refresh, sign out, switch organisation, password reset. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'user-auth',
  openapi: mergeFragments(signInComponents, {
    tags: [BOU_TAG],
    parameters: {
      UserId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The user id: the `sub` claim of the access token the call carries (any other id is refused with 403).',
        schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
      },
      OrganisationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The organisation GUID (dashed or 32 hex digits, any case); the tenant itself is its root organisation.',
        schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
      },
    },
    responses: {
      OrganisationNotFound: errorResponseOf('The organisation does not exist in the tenant (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
    },
    requestSchemas: [
      {
        name: 'UserAuthenticateRequest',
        schema: authenticateBody,
        extend: { description: 'Back-office sign-in with email and password; the tenant comes from the api_key.' },
      },
      {
        name: 'ForgotPasswordRequest',
        schema: forgotPasswordBody,
        extend: { description: 'Answered with 204 whether or not a user has this email.' },
      },
      {
        name: 'ContactResetPasswordRequest',
        schema: resetPasswordBody,
        extend: { description: 'Completes a password reset with the token of the reset email; every session of the contact ends.' },
      },
    ],
    responseSchemas: [
      {
        name: 'AuthTokens',
        schema: authTokensResponse,
        description: 'A back-office session token pair (NOTES §1.3). Absent values are omitted, never null.',
      },
    ],
  }),
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/users/authenticate',
      handler: authenticate,
      operations: [AUTHENTICATE_USER],
      doc: {
        operationId: 'authenticateUserBO',
        summary: 'Sign in a back-office user',
        description:
          'Send the api_key (public or secret) of the tenant. Failed sign-ins are counted per username and per address; past the limit the answer is 429 with Retry-After.',
        tag: BOU,
        audience: 'apiKeyOnly',
        body: 'UserAuthenticateRequest',
        unauthorized: 'InvalidLogin',
        tooMany: 'TooManyLogins',
        success: { status: 200, description: 'Signed in.', schema: 'AuthTokens' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/users/refresh',
      handler: refresh,
      operations: [REFRESH_SESSION],
      doc: {
        operationId: 'refreshUserSessionBO',
        summary: 'Refresh a session',
        description:
          'The refresh token goes in `authorization: Bearer <refresh_token>` (also accepted without `Bearer `, or in the v1 `refresh_token` header); it is the only credential needed (it names its tenant). An api_key may come along and must then belong to the same tenant; `mode` is answered only when one did. No body (an empty JSON object is accepted). The refresh token is spent: a repeat within the reuse grace window (10 s by default) returns the same new pair, a later repeat ends the session.',
        tag: BOU,
        audience: 'refresh',
        unauthorized: 'InvalidRefresh',
        success: { status: 200, description: 'A new token pair.', schema: 'AuthTokens' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/users/forgot_password',
      handler: forgotPassword,
      operations: [REQUEST_USER_PASSWORD_RESET],
      doc: {
        operationId: 'forgotPasswordBO',
        summary: 'Ask for a password reset',
        description: 'Answered with 204 whether or not a user has the email, so it reveals no account.',
        tag: BOU,
        audience: 'apiKeyOnly',
        body: 'ForgotPasswordRequest',
        success: { status: 204, description: 'Accepted. No body.' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/users/change_password',
      handler: changeForgottenPassword,
      operations: [RESET_USER_PASSWORD],
      doc: {
        operationId: 'changeForgottenPasswordBO',
        summary: 'Reset a forgotten password',
        description:
          'Completes a reset with the token of the reset email (valid for 1 hour, once); every session of the user ends. An invalid, used or expired token is a 400 naming `token`.',
        tag: BOU,
        audience: 'apiKeyOnly',
        body: 'ContactResetPasswordRequest',
        success: { status: 204, description: 'The password was changed. No body.' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/users/:id/sign_out',
      handler: signOut,
      operations: [VERIFY_CREDENTIALS, SIGN_OUT],
      pathParameters: { id: 'UserId' },
      doc: {
        operationId: 'signOutUserBO',
        summary: 'Sign out',
        description:
          "Ends the session of the access token: its refresh tokens stop working at once, its access tokens within moments. `{id}` must be the token's user id (`sub`). No body (an empty JSON object is accepted).",
        tag: BOU,
        audience: 'user',
        success: { status: 204, description: 'Signed out. No body.' },
      },
    },
    {
      method: 'POST',
      path: '/backoffice/v2/organisations/switch/:id',
      handler: switchOrganisation,
      operations: [SWITCH_ORGANISATION],
      pathParameters: { id: 'OrganisationId' },
      doc: {
        operationId: 'switchOrganisationBO',
        summary: 'Switch organisation',
        description: 'New tokens acting for another organisation (merchant, venue) of the tenant. No body (an empty JSON object is accepted).',
        tag: BOU,
        audience: 'user',
        notFound: 'OrganisationNotFound',
        success: { status: 200, description: 'A token pair for the organisation.', schema: 'AuthTokens' },
      },
    },
  ],
});
