import type { IncomingMessage } from 'node:http';
import { AppError } from '@crm/platform/errors';
import { isJsonContentType, parseJsonBody, readBody } from '@crm/platform/http';

/** Caller headers passed on to the gateway unchanged. */
export const FORWARDED_HEADERS = ['api_key', 'authorization', 'x-dev-principal', 'x-dev-tenant', 'x-request-id', 'x-correlation-id'] as const;

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const v = headerValue(req, name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * Reads a JSON object body: 413 over `maxBytes`, 415 for a non-JSON content type (only when a
 * body is present), 400 for invalid UTF-8 / JSON / `__proto__` keys / a non-object, and 400 when
 * a body is required but empty (with `optional`, an empty body reads as `{}`).
 */
export async function readJsonObject(req: IncomingMessage, maxBytes: number, options: { optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes);
  if (raw.length === 0) {
    if (options.optional) return {};
    throw new AppError('VALIDATION', 'a JSON request body is required', { reason: 'MISSING_BODY' });
  }
  if (!isJsonContentType(headerValue(req, 'content-type'))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/json', { reason: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  const parsed = parseJsonBody(raw);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('VALIDATION', 'the request body must be a JSON object', { reason: 'MALFORMED_BODY' });
  }
  return parsed as Record<string, unknown>;
}

/** A JSON array body (bulk operations), bounded like any body. */
export async function readJsonArray(req: IncomingMessage, maxBytes: number): Promise<unknown[]> {
  const raw = await readBody(req, maxBytes);
  if (raw.length === 0) throw new AppError('VALIDATION', 'a JSON request body is required', { reason: 'MISSING_BODY' });
  if (!isJsonContentType(headerValue(req, 'content-type'))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/json', { reason: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  const parsed = parseJsonBody(raw);
  if (!Array.isArray(parsed)) throw new AppError('VALIDATION', 'the request body must be a JSON array', { reason: 'MALFORMED_BODY' });
  return parsed;
}

/**
 * Query parameters as a map, refusing names not in `allowed` and repeated names (400 naming the
 * parameter), so a typo is reported instead of silently ignored.
 */
export function queryParams(search: URLSearchParams, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of search) {
    if (!allowed.includes(name)) throw AppError.validation(name, 'is not a supported query parameter', 'UNKNOWN_PARAMETER');
    if (out.has(name)) throw AppError.validation(name, 'must be given at most once', 'DUPLICATE_PARAMETER');
    out.set(name, value);
  }
  return out;
}

const UUID_DASHED = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_PLAIN = /^[0-9a-fA-F]{32}$/;

/**
 * Contact and address ids as sent in a path: dashed UUIDs and 32-hex ids (the CRM.COM examples)
 * become the canonical lower-case dashed form; anything else (a contact code) passes as is, and
 * the read/write sides resolve id-or-code.
 */
export function canonicalPathId(value: string): string {
  if (UUID_DASHED.test(value)) return value.toLowerCase();
  if (UUID_PLAIN.test(value)) {
    const h = value.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return value;
}

export function isUuid(value: string): boolean {
  return UUID_DASHED.test(value) || UUID_PLAIN.test(value);
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;
/** The Idempotency-Key syntax as a JSON Schema pattern (for the OpenAPI document). */
export const IDEMPOTENCY_KEY_PATTERN = IDEMPOTENCY_KEY.source;

export function idempotencyKeyOf(req: IncomingMessage): string | null {
  const v = headerValue(req, 'idempotency-key');
  if (v === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(v)) throw AppError.validation('Idempotency-Key', 'must be 1 to 255 visible ASCII characters', 'INVALID_IDEMPOTENCY_KEY');
  return v;
}
