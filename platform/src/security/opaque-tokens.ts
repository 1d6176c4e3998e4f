import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque bearer tokens (refresh tokens, reliability-security.md §1.4): `<prefix><base64url of 32
 * random bytes>`. Only `hashOpaqueToken(token)` is stored; lookups go by that hash.
 */
export const REFRESH_TOKEN_PREFIX = 'crm_rt_';
const PREFIX_PATTERN = /^crm_[a-z]{2,8}_$/;
const TOKEN_BYTES = 32;
const ENCODED_LENGTH = 43; // base64url of 32 bytes, unpadded

function assertPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`opaque token prefix must look like crm_xx_, got ${JSON.stringify(prefix)}`);
}

export function newOpaqueToken(prefix: string = REFRESH_TOKEN_PREFIX): string {
  assertPrefix(prefix);
  return prefix + randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when `token` has the shape `newOpaqueToken(prefix)` produces; cheap pre-check before a lookup. */
export function isOpaqueToken(token: unknown, prefix: string = REFRESH_TOKEN_PREFIX): token is string {
  assertPrefix(prefix);
  if (typeof token !== 'string' || token.length !== prefix.length + ENCODED_LENGTH || !token.startsWith(prefix)) return false;
  const body = token.slice(prefix.length);
  // The last character carries 2 padding bits that must be zero for a canonical encoding.
  return /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(body);
}

/** SHA-256 hex of the token: enough for 256-bit random values, and what the database stores. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
