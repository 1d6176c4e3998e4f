import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { HostileRequest } from './hostile-corpus';
import type { Credentials } from './hostile-target';

/** What came back: a status (0 = the connection closed or went silent without one), headers and body. */
export interface HostileAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** A client-side failure: reset before any answer, or no answer in time. */
  error?: string;
}

/**
 * Sends `r` exactly as generated with node:http (latin-1 header bytes, raw path bytes, chunked or
 * sized bodies) or, for malformed HTTP, over a plain socket. Never rejects: failures are answers.
 */
export function sendHostile(origin: URL, r: HostileRequest, credentials: Credentials, agent: Agent, timeoutMs: number): Promise<HostileAnswer> {
  if (r.raw) return sendRaw(origin, r.raw, timeoutMs);
  return new Promise<HostileAnswer>((resolve) => {
    let settled = false;
    const done = (answer: HostileAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const headers: Record<string, string | string[]> = { ...credentials[r.caller], ...r.headers };
    if (r.body && !r.chunked && headers['content-length'] === undefined) headers['content-length'] = String(r.body.length);
    let req: ReturnType<typeof request>;
    try {
      req = request({ host: origin.hostname, port: origin.port, method: r.method, path: r.path, headers, agent, setHost: true });
    } catch (err) {
      // node:http refused to put it on the wire (not a server answer); the corpus avoids these
      done({ status: -1, headers: {}, body: Buffer.alloc(0), error: `client refused: ${(err as Error).message}` });
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: 0, headers: {}, body: Buffer.alloc(0), error: 'no answer in time' });
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('aborted', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', (err) => done({ status: 0, headers: {}, body: Buffer.alloc(0), error: err.message }));
    if (r.body && r.chunked) {
      const step = Math.max(1, Math.ceil(r.body.length / 4));
      for (let i = 0; i < r.body.length; i += step) req.write(r.body.subarray(i, i + step));
      req.end();
    } else {
      req.end(r.body);
    }
  });
}

/**
 * Writes `raw` to a fresh socket and half-closes it, so the server answers (or refuses) and closes;
 * the answer is the status line that came back (0 with no error: closed without a word).
 */
function sendRaw(origin: URL, raw: Buffer, timeoutMs: number): Promise<HostileAnswer> {
  return new Promise<HostileAnswer>((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(origin.port), origin.hostname);
    let timedOut = false;
    const overall = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('connect', () => socket.end(raw));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(overall);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: m ? Number(m[1]) : 0,
        headers: {},
        body: Buffer.from(split >= 0 ? text.slice(split + 4) : '', 'latin1'),
        ...(timedOut ? { error: 'no answer in time' } : {}),
      });
    });
  });
}

/** Runs `items` through `worker` with at most `limit` in flight, in order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await worker(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Server internals that must never reach a client: stack frames, file paths, SQL and driver errors. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at \S+/,
  /\bat (async )?[\w.<>]+ \([^)]*:\d+:\d+\)/,
  /(\/work\/|\/home\/|\/usr\/lib\/|node_modules|file:\/\/)/,
  /\.(ts|js|mjs|cjs):\d+/,
  /QueryFailedError|EntityNotFound|TypeORM|relation "[^"]+" does not exist|syntax error at or near|violates (unique|foreign key|check|not-null) constraint|pg_catalog|ECONNREFUSED/i,
];

/** The first leak pattern `text` matches, or null. */
export function leakIn(text: string): RegExp | null {
  return LEAK_PATTERNS.find((p) => p.test(text)) ?? null;
}
