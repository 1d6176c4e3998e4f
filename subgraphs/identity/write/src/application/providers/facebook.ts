import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { externalLoginFailed, type ExternalClaims } from './oidc';
import type { FacebookProviderConfig } from './provider-config';
import type { LookupFunction } from './provider-urls';

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

const unavailable = (cause?: unknown) =>
  new AppError('UNAVAILABLE', 'the sign-in provider is not reachable', { reason: 'PROVIDER_UNAVAILABLE', cause });

/**
 * GET a JSON document with a timeout and a size cap; no redirects are followed. `null` on a 4xx.
 * `lookup` checks the addresses it connects to (provider-urls.ts `guardedLookup`).
 */
function getJson(url: URL, lookup: LookupFunction | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const options: http.RequestOptions = {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(lookup ? { lookup: lookup as http.RequestOptions['lookup'] } : {}),
    };
    const req = get(url, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 400 && status < 500) {
        res.resume();
        resolve(null);
        return;
      }
      if (status !== 200 || Number(res.headers['content-length'] ?? '0') > MAX_BODY_BYTES) {
        res.resume();
        reject(unavailable());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) {
          res.destroy();
          reject(unavailable());
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => reject(unavailable(err)));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch {
          reject(unavailable());
        }
      });
    });
    req.on('error', (err) => reject(unavailable(err)));
  });
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
export async function verifyFacebookToken(
  config: FacebookProviderConfig,
  token: string,
  now: Date,
  lookup?: LookupFunction,
): Promise<ExternalClaims> {
  if (token.length === 0 || token.length > 4096 || !/^[\x21-\x7e]+$/.test(token)) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const debug = debugTokenSchema.safeParse(
    await getJson(endpoint(config.graphBaseUrl, 'debug_token', { input_token: token, access_token: `${config.appId}|${config.appSecret}` }), lookup),
  );
  if (!debug.success) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const d = debug.data.data;
  // expires_at 0 means a token that does not expire
  if (!d.is_valid || d.app_id !== config.appId || (d.expires_at !== undefined && d.expires_at !== 0 && d.expires_at * 1000 <= now.getTime()))
    throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const me = meSchema.safeParse(await getJson(endpoint(config.graphBaseUrl, 'me', { fields: 'id,name,email', access_token: token }), lookup));
  if (!me.success) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  if (d.user_id !== undefined && d.user_id !== me.data.id) throw externalLoginFailed('INVALID_PROVIDER_TOKEN');
  const parts = (me.data.name ?? '').trim().split(/\s+/).filter(Boolean);
  const first = parts.length > 1 ? parts.slice(0, -1).join(' ') : (parts[0] ?? '');
  const last = parts.length > 1 ? (parts.at(-1) ?? '') : '';
  return { subject: me.data.id, verifiedEmail: null, firstName: first ? first.slice(0, 100) : null, lastName: last ? last.slice(0, 100) : null };
}
