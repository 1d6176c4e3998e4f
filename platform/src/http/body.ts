import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors/app-error';

/**
 * Reads a request body, refusing anything over `limitBytes` (413) without buffering it all. The
 * rest of a refused body is drained (not buffered), so a keep-alive connection stays usable: an
 * abandoned `for await` would destroy the stream mid-body and leave the client's next request on
 * that connection hanging.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `request body exceeds ${limitBytes} bytes`, { reason: 'BODY_TOO_LARGE' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        chunks.length = 0;
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
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
