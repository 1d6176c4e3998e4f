import { Agent, request } from 'node:http';
import { createConnection } from 'node:net';

/** One keep-alive pool for the bench's own (non-load) calls: seeding, samples, S5, polling. */
export const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const body = options.body;
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        agent,
        headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...(options.headers ?? {}) },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 10_000} ms: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  raw: string;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<GraphQLResponse<T>> {
  const res = await httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    timeoutMs,
  });
  let parsed: { data?: T; errors?: GraphQLResponse['errors'] } = {};
  try {
    parsed = JSON.parse(res.body) as typeof parsed;
  } catch {
    /* non-JSON: leave data/errors empty */
  }
  return { status: res.status, raw: res.body, ...(parsed.data ? { data: parsed.data } : {}), ...(parsed.errors ? { errors: parsed.errors } : {}) };
}

/** True when a TCP connection to host:port opens within the timeout. */
export function tcpReachable(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls GET <url> until it answers 200 (bounded); throws with the last reason otherwise. */
export async function waitForHttpOk(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<number> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    if (!alive()) throw new Error(`process behind ${url} exited (last: ${last})`);
    try {
      const r = await httpRequest(url, { timeoutMs: 2000 });
      if (r.status === 200) return Date.now() - started;
      last = `${r.status} ${r.body.slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (last: ${last})`);
}
