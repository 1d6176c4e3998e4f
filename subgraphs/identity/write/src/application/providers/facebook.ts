import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { externalLoginFailed, type ExternalClaims } from './oidc';
import type { FacebookProviderConfig } from './provider-config';

const TIMEOUT_MS = 5000;
const MAX_BODY_BYTES = 64 * 1024;

const debugTokenSchema = z.object({
  data: z.object({
    app_id: z.string().max(64),
    is_valid: z.boolean(),
    user_id: z.string().max(64).optional(),
    expires_at: z.number().int().optional(),
  }),
});
const meSchema = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
  name: z.string().max(500).optional(),
  email: z.string().max(254).optional(),
});

const unavailable = (cause?: unknown) => new AppError('UNAVAILABLE', 'the sign-in provider is not reachable', { reason: 'PROVIDER_UNAVAILABLE', cause });

/** GET a JSON document with a timeout and a size cap; no redirects are followed. `null` on a 4xx. */
async function getJson(url: URL): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (err) {
    throw unavailable(err);
  }
  if (res.status >= 400 && res.status < 500) {
    await res.body?.cancel();
    return null;
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw unavailable();
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    await res.body.cancel();
    throw unavailable();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        throw unavailable();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable(err);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw unavailable();
  }
}

function endpoint(base: string, path: string, params: Record<string, string>): URL {
  const url = new URL(base.endsWith('/') ? base : `${base}/`);
  url.pathname = `${url.pathname}${path}`;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

/**
 * Validates a Facebook user access token: `debug_token` with our app token must say it is valid,
 * issued to our app and not expired; then `/me` gives the user id (the identity's subject).
 * Facebook does not say whether the email is verified, so it is never used for linking.
 */
export async function verifyFacebookToken(config: FacebookProviderConfig, token: string, now: Date): Promise<ExternalClaims> {
  if (token.length === 0 || token.length > 4096 || !/^[\x21-\x7e]+$/.test(token)) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const debug = debugTokenSchema.safeParse(await getJson(endpoint(config.graphBaseUrl, 'debug_token', { input_token: token, access_token: `${config.appId}|${config.appSecret}` })));
  if (!debug.success) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const d = debug.data.data;
  // expires_at 0 means a token that does not expire
  if (!d.is_valid || d.app_id !== config.appId || (d.expires_at !== undefined && d.expires_at !== 0 && d.expires_at * 1000 <= now.getTime())) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const me = meSchema.safeParse(await getJson(endpoint(config.graphBaseUrl, 'me', { fields: 'id,name,email', access_token: token })));
  if (!me.success) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  if (d.user_id !== undefined && d.user_id !== me.data.id) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const parts = (me.data.name ?? '').trim().split(/\s+/).filter(Boolean);
  const first = parts.length > 1 ? parts.slice(0, -1).join(' ') : (parts[0] ?? '');
  const last = parts.length > 1 ? (parts.at(-1) ?? '') : '';
  return { subject: me.data.id, verifiedEmail: null, firstName: first ? first.slice(0, 100) : null, lastName: last ? last.slice(0, 100) : null };
}
