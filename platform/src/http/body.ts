import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/app-error';

/** Reads a request body, refusing anything over `limitBytes` (413) without buffering it all. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    throw new AppError('PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, { reason: 'BODY_TOO_LARGE' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      req.resume();
      throw new AppError('PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, { reason: 'BODY_TOO_LARGE' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Text that may spell a forbidden key, directly or through \u escapes. */
const MAYBE_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/** Parses a JSON body strictly: valid UTF-8, valid JSON, no prototype-polluting keys. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new AppError('VALIDATION', 'request body is not valid UTF-8', { reason: 'MALFORMED_BODY' });
  }
  try {
    // fast path: a body that cannot contain a forbidden key needs no per-key reviver
    if (!MAYBE_FORBIDDEN.test(text)) return JSON.parse(text) as unknown;
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new AppError('VALIDATION', `request body contains the forbidden key "${key}"`, { reason: 'MALFORMED_BODY', field: key });
      }
      return value;
    }) as unknown;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', 'request body is not valid JSON', { reason: 'MALFORMED_BODY' });
  }
}

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || type === 'application/graphql-response+json' || (type?.endsWith('+json') ?? false);
}
