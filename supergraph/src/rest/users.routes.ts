import { AppError } from '@crm/platform/errors';
import type { Route } from './router';
import { done } from './mutation-payloads';
import { resetPasswordBody } from './contact-auth-bodies';
import { API_FAMILY_HEADER, noQuery, param, sendJson, type GatewayCaller, type Handler, type RestContext } from './rest-context';
import { fromUserError, invalid, userNotFound } from './errors';
import { epochSeconds } from './contact-mapper';
import { directoryUserHandlers, pathGuid, toRole } from './directory.routes';
import { parsePaging } from './list-query';
import { validateBody } from './contact-bodies';
import { canonicalPathId, headerValue, isUuid, queryParams } from './request';
import {
  authenticateBody,
  bearerToken,
  claimedSubject,
  emptyBody,
  forgotPasswordBody,
  modeOfApiKey,
  refreshTokenOf,
  requireApiKey,
} from './user-bodies';
import {
  AUTHENTICATE_USER,
  GET_USER,
  LIST_ROLES,
  LIST_USERS,
  REFRESH_SESSION,
  REQUEST_USER_PASSWORD_RESET,
  RESET_USER_PASSWORD,
  SIGN_OUT,
  SWITCH_ORGANISATION,
  VERIFY_CREDENTIALS,
  type GqlAuthPayload,
  type GqlRole,
  type GqlUser,
  type GqlSessionTokens,
  type GqlSignOutPayload,
  type Operation,
} from './operations';

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

/** The api_key if any (plus request ids and the API family), and nothing else of the caller's headers. */
export function keyOnly(ctx: RestContext, apiKey: string | undefined): Record<string, string> {
  const out: Record<string, string> = apiKey ? { api_key: apiKey } : {};
  for (const name of ['x-request-id', 'x-correlation-id', API_FAMILY_HEADER]) {
    const v = ctx.headers[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * What a refresh call passes to the gateway: the refresh token as the bearer credential (it names
 * its tenant) and the caller's api_key when it sent one (it must name the same tenant).
 */
export function refreshCredentials(ctx: RestContext, refreshToken: string): { headers: Record<string, string>; apiKey: string | undefined } {
  const apiKey = ctx.headers['api_key']?.trim() || undefined;
  return { headers: { ...keyOnly(ctx, apiKey), authorization: `Bearer ${refreshToken}` }, apiKey };
}

/** The caller's headers with the access token as `Bearer <token>`; 401 when there is none. */
function withAccessToken(ctx: RestContext, purpose: string): { headers: Record<string, string>; token: string } {
  const token = bearerToken(ctx.headers['authorization']);
  if (!token) {
    throw new AppError('UNAUTHENTICATED', `${purpose} needs the access token of the user: authorization: Bearer <access_token>`, { reason: 'CREDENTIALS_REQUIRED' });
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
const forgotPassword: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(forgotPasswordBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'reset a password');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), REQUEST_USER_PASSWORD_RESET, { email: body.email }, 'requestUserPasswordReset');
  sendJson(ctx.res, 204, undefined);
};

/**
 * POST /backoffice/v2/users/change_password `{token, password}`: completes a reset with the
 * emailed token (by analogy with the Self-Service `/contacts/change_password`); every session of
 * the user ends. An invalid, used or expired token is a 400 naming `token`.
 */
const changeForgottenPassword: Handler = async (ctx) => {
  noQuery(ctx);
  const body = validateBody(resetPasswordBody, await ctx.readBody());
  const apiKey = requireApiKey(ctx.headers['api_key'], 'reset a password');
  await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), RESET_USER_PASSWORD, { token: body.token, password: body.password }, 'resetUserPassword');
  sendJson(ctx.res, 204, undefined);
};

// ---- back-office user reads (the identity read model) ---------------------------------------

/** The identity read model pages users by offset up to this far. */
export const MAX_USER_OFFSET = 100_000;

function toUser(u: GqlUser): Record<string, unknown> {
  return {
    id: u.id,
    email: u.email,
    ...(u.firstName !== null ? { first_name: u.firstName } : {}),
    ...(u.lastName !== null ? { last_name: u.lastName } : {}),
    status: u.status,
    roles: u.roles.map((r) => ({ id: r.id, name: r.name })),
    teams: u.teams.map((t) => ({ id: t.id, name: t.name })),
    created_date: epochSeconds(u.createdAt),
    updated_date: epochSeconds(u.updatedAt),
  };
}

/**
 * GET /backoffice/v2/users?page=&size=&teams=&user_roles= → `{paging:{page,size,has_more}, content}`,
 * oldest first. `teams` and `user_roles` are comma-separated GUIDs (at most 50 each): users in
 * any of those teams, holding any of those roles. has_more comes from asking for one user past
 * the page in the same call.
 */
const listUsers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['page', 'size', 'teams', 'user_roles']);
  const { page, size } = parsePaging(new Map([...params].filter(([k]) => k === 'page' || k === 'size')));
  const offset = (page - 1) * size;
  if (offset + size > MAX_USER_OFFSET) throw invalid('page', `page × size must not exceed ${MAX_USER_OFFSET}`, 'OUT_OF_RANGE');
  const teamIds = guidList(params, 'teams');
  const roleIds = guidList(params, 'user_roles');
  const data = await ctx.gateway.run(LIST_USERS, { first: size, offset, nextOffset: offset + size, teamIds, roleIds }, 'list');
  const users = (data['users'] as GqlUser[] | null | undefined) ?? [];
  const next = (data['next'] as unknown[] | null | undefined) ?? [];
  sendJson(ctx.res, 200, { paging: { page, size, has_more: next.length > 0 }, content: users.map(toUser) });
};

/** A comma-separated GUID filter (`teams=a,b`): canonical ids, at most 50; absent → null (no filter). */
export function guidList(params: Map<string, string>, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === undefined) return null;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length > 50) throw invalid(name, 'at most 50 GUIDs', 'TOO_MANY');
  return parts.map((part) => {
    if (!isUuid(part)) throw invalid(name, 'must be comma-separated GUIDs', 'INVALID_ID');
    return canonicalPathId(part);
  });
}

/** GET /backoffice/v2/users/{id} → the user; 404 when the tenant has none with that id (or it is no GUID). */
const getUser: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'user');
  const data = await ctx.gateway.run(GET_USER, { id }, 'auth');
  const user = data['user'] as GqlUser | null | undefined;
  if (!user) throw userNotFound(id);
  sendJson(ctx.res, 200, toUser(user));
};

/** GET /backoffice/v2/user_roles → `{content:[{id, name, permissions, is_built_in}]}` (every role of the tenant). */
const listRoles: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(LIST_ROLES, {}, 'auth');
  const roles = (data['roles'] as GqlRole[] | null | undefined) ?? [];
  sendJson(ctx.res, 200, { content: roles.map(toRole) });
};

export function userRoutes(): Route<Handler>[] {
  return [
    { pattern: '/backoffice/v2/users/authenticate', handlers: { POST: authenticate } },
    { pattern: '/backoffice/v2/users/refresh', handlers: { POST: refresh } },
    { pattern: '/backoffice/v2/users/forgot_password', handlers: { POST: forgotPassword } },
    { pattern: '/backoffice/v2/users/change_password', handlers: { POST: changeForgottenPassword } },
    { pattern: '/backoffice/v2/users', handlers: { GET: listUsers, POST: directoryUserHandlers.createUser } },
    { pattern: '/backoffice/v2/users/:id', handlers: { GET: getUser, PUT: directoryUserHandlers.updateUser, DELETE: directoryUserHandlers.disableUser } },
    { pattern: '/backoffice/v2/users/:id/sign_out', handlers: { POST: signOut } },
    { pattern: '/backoffice/v2/user_roles', handlers: { GET: listRoles, POST: directoryUserHandlers.createRole } },
    { pattern: '/backoffice/v2/organisations/switch/:id', handlers: { POST: switchOrganisation } },
  ];
}
