import { z } from 'zod';
import { AppError, type ReasonOf } from '@crm/platform/errors';
import { parseApiKey } from '@crm/platform/security';
import { API_FAMILY_HEADER, noQuery, sendJson, type Handler, type RestContext } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { done } from '../../kit/mutations';
import type { Operation } from '../../kit/operation';

/**
 * Request bodies and credential headers of the back-office user routes (NOTES §1.2, §1.3, §3.2):
 * `POST /users/authenticate {provider:"EMAIL", username, password}`, `POST /users/forgot_password
 * {email}`, and the refresh token that `POST /users/refresh` takes from a header.
 */

/** Generous guards only; the identity service decides what a valid login is. */
export const MAX_USERNAME_LENGTH = 320;
export const MAX_PASSWORD_LENGTH = 1024;
/** Longer than any refresh token identity issues; longer values are refused without a call. */
export const MAX_REFRESH_TOKEN_LENGTH = 200;

const PROVIDERS = ['EMAIL'] as const;

export const authenticateBody = z.strictObject({
  provider: z
    .string()
    .max(50)
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(PROVIDERS, { error: 'must be EMAIL (the only sign-in provider of back-office users)' }))
    .optional()
    .describe('Only EMAIL (any case); may be omitted.'),
  username: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_USERNAME_LENGTH, { error: `must be at most ${MAX_USERNAME_LENGTH} characters` })
    .describe('The email address of the user.'),
  password: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` }),
});
export type AuthenticateBody = z.infer<typeof authenticateBody>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const forgotPasswordBody = z.strictObject({
  email: z
    .string()
    .trim()
    .max(MAX_USERNAME_LENGTH, { error: `must be at most ${MAX_USERNAME_LENGTH} characters` })
    .regex(EMAIL, { error: 'must be an email address' })
    .describe('The email address of the user.'),
});

/** Routes that take no body accept none or `{}` (some clients always send a JSON object). */
export const emptyBody = z.strictObject({});

/** The token of an `authorization` header: `Bearer <token>` (any case) or the bare token (the crm5_bo Python client quirk). */
export function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const prefixed = /^bearer(?:\s+([\s\S]*))?$/i.exec(trimmed);
  const token = prefixed ? (prefixed[1] ?? '').trim() : trimmed;
  return token === '' ? undefined : token;
}

const unauthenticated = (message: string, reason: ReasonOf<'UNAUTHENTICATED'>) => new AppError('UNAUTHENTICATED', message, { reason });

/**
 * The refresh token of POST /users/refresh: `authorization: Bearer <refresh_token>` (v2, also
 * without `Bearer `), else the v1 `refresh_token` header. 401 when neither carries one.
 */
export function refreshTokenOf(authorization: string | undefined, refreshHeader: string | undefined): string {
  const token = bearerToken(authorization) ?? bearerToken(refreshHeader);
  if (!token) throw unauthenticated('the refresh token is required: send authorization: Bearer <refresh_token>', 'REFRESH_TOKEN_REQUIRED');
  if (token.length > MAX_REFRESH_TOKEN_LENGTH) throw unauthenticated('the refresh token is invalid or expired', 'INVALID_REFRESH_TOKEN');
  return token;
}

/** The `api_key` header, required by routes whose tenant comes from the key; 401 when absent. */
export function requireApiKey(value: string | undefined, purpose: string): string {
  const key = value?.trim();
  if (!key) throw unauthenticated(`an api_key is required to ${purpose}`, 'CREDENTIALS_REQUIRED');
  return key;
}

/** `LIVE` / `TEST` from a well-formed api_key (crm_pk_live_…); undefined otherwise. */
export function modeOfApiKey(key: string | undefined): 'LIVE' | 'TEST' | undefined {
  const parsed = key ? parseApiKey(key.trim()) : null;
  return parsed ? (parsed.env === 'live' ? 'LIVE' : 'TEST') : undefined;
}

/**
 * The `sub` claim of a JWT, read WITHOUT verifying it: only to compare with a path id after the
 * gateway has verified the same token. Undefined for anything that is not a JWT with a string sub.
 */
export function claimedSubject(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || parts[1].length > 4096) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (claims === null || typeof claims !== 'object') return undefined;
    const sub = (claims as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub !== '' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST /self-service/v2/contacts/change_password and /backoffice/v2/users/change_password:
 * completes a password reset with the emailed token.
 */
export const resetPasswordBody = z.strictObject({
  token: z
    .string()
    .max(200, { error: 'must be at most 200 characters' })
    .min(1, { error: 'must not be empty' })
    .describe('The token of the reset email.'),
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
    .min(1, { error: 'must not be empty' }),
});

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

/**
 * A route the api_key alone authorises (no sign-in) that runs one DonePayload mutation built from
 * its body and answers with no body (204 unless told): password resets, verification emails.
 * Checks in this order: no query string, the body, then the api_key.
 */
export function keyOnlyCommand<S extends z.ZodType>(route: {
  body: S;
  /** Completes "an api_key is required to …". */
  purpose: string;
  op: Operation;
  field: string;
  variables: (body: z.output<S>) => Record<string, unknown>;
  status?: 200 | 204;
}): Handler {
  return async (ctx) => {
    noQuery(ctx);
    const body = validateBody(route.body, await ctx.readBody());
    const apiKey = requireApiKey(ctx.headers['api_key'], route.purpose);
    await done(ctx.gatewayWith(keyOnly(ctx, apiKey)), route.op, route.variables(body), route.field);
    sendJson(ctx.res, route.status ?? 204, undefined);
  };
}
