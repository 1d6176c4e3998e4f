import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from './constant-time';
import { bytesToBigInt, crc32, fromBase62, toBase62 } from './encoding';

/**
 * API keys (reliability-security.md §1.5):
 * `crm_<pk|sk>_<live|test>_<43 base62 chars = 256 random bits><6 base62 chars of CRC-32>`.
 * The prefix tells people and secret scanners what leaked; the checksum (over everything before
 * it) lets `parseApiKey` throw away typos and garbage without touching the database.
 */
export type ApiKeyKind = 'public' | 'secret';
export type ApiKeyEnv = 'live' | 'test';

export const API_KEY_RANDOM_LENGTH = 43;
export const API_KEY_CHECKSUM_LENGTH = 6;
const KIND_CODES: Record<ApiKeyKind, string> = { public: 'pk', secret: 'sk' };
const API_KEY_PATTERN = new RegExp(`^crm_(pk|sk)_(live|test)_([0-9A-Za-z]{${API_KEY_RANDOM_LENGTH}})([0-9A-Za-z]{${API_KEY_CHECKSUM_LENGTH}})$`);
export const API_KEY_LENGTH = 'crm_sk_live_'.length + API_KEY_RANDOM_LENGTH + API_KEY_CHECKSUM_LENGTH;
/** A pepper is an HMAC key: at least 256 bits (RFC 8725 §3.5 reasoning applies). */
const MIN_PEPPER_BYTES = 32;

export interface GeneratedApiKey {
  /** The full key: show it once, never store it. */
  key: string;
  /** e.g. `crm_sk_live_`; safe to store and display. */
  prefix: string;
  /** Last four characters of the key; safe to store and display. */
  last4: string;
}

export interface ParsedApiKey {
  kind: ApiKeyKind;
  env: ApiKeyEnv;
  prefix: string;
}

export function apiKeyPrefix(kind: ApiKeyKind, env: ApiKeyEnv): string {
  return `crm_${KIND_CODES[kind]}_${env}_`;
}

const checksumOf = (body: string) => toBase62(BigInt(crc32(body)), API_KEY_CHECKSUM_LENGTH);

export function generateApiKey(kind: ApiKeyKind, env: ApiKeyEnv): GeneratedApiKey {
  const prefix = apiKeyPrefix(kind, env);
  // 62^43 > 2^256, so every 256-bit value has a 43-digit base62 form.
  const body = prefix + toBase62(bytesToBigInt(randomBytes(32)), API_KEY_RANDOM_LENGTH);
  const key = body + checksumOf(body);
  return { key, prefix, last4: key.slice(-4) };
}

/**
 * Recognises a well-formed key with a valid checksum; null for anything else. Pure (no I/O), so
 * callers can reject garbage before looking the key up.
 */
export function parseApiKey(input: unknown): ParsedApiKey | null {
  if (typeof input !== 'string' || input.length !== API_KEY_LENGTH) return null;
  const m = API_KEY_PATTERN.exec(input);
  if (!m) return null;
  const [, kindCode, env, random, checksum] = m;
  if (!random || !checksum) return null;
  const randomValue = fromBase62(random);
  // Digits beyond 2^256 are never generated.
  if (randomValue === undefined || randomValue >= 1n << 256n) return null;
  const body = input.slice(0, input.length - API_KEY_CHECKSUM_LENGTH);
  if (!constantTimeEqual(checksum, checksumOf(body))) return null;
  return { kind: kindCode === 'pk' ? 'public' : 'secret', env: env as ApiKeyEnv, prefix: body.slice(0, body.length - API_KEY_RANDOM_LENGTH) };
}

/**
 * Hash to store and look keys up by: hex HMAC-SHA256 keyed with a server-side pepper. One fast
 * hash is enough for 256-bit random keys; the pepper makes a leaked table useless on its own.
 */
export function hashApiKey(key: string, pepper: string | Uint8Array): string {
  if (Buffer.byteLength(pepper) < MIN_PEPPER_BYTES) {
    throw new Error(`the API key pepper must be at least ${MIN_PEPPER_BYTES} bytes`);
  }
  return createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/** Constant-time check of a presented key against a stored hash. */
export function apiKeyMatches(key: string, storedHash: string, pepper: string | Uint8Array): boolean {
  return constantTimeEqual(hashApiKey(key, pepper), storedHash.toLowerCase());
}

/** Display form once the key itself is gone, e.g. `crm_sk_live_...Ab3x`. */
export function maskApiKey(prefix: string, last4: string): string {
  return `${prefix}...${last4}`;
}
