import { Agent, request, STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import type { InProcessGraphQL } from '@crm/platform/graphql';

/**
 * The gateway's client for subgraph calls: node:http over a keep-alive pool with a deadline per
 * call. Measured against Node's fetch (undici) in the S2 benchmark, it costs noticeably less CPU
 * per request (no WHATWG Request/Response/stream objects, no AbortSignal per call); it implements
 * only what Apollo's RemoteGraphQLDataSource uses of a fetch response.
 */
export function subgraphFetcher(timeoutMs: number, maxSockets = 128): Fetcher {
  const agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  return (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const headers: Record<string, string> = {
        ...(init?.headers as Record<string, string> | undefined),
        'content-length': String(Buffer.byteLength(body)),
      };
      const req = request(url, { method: init?.method ?? 'POST', headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve(
            fetcherResponse(url, status, res.statusMessage ?? '', Buffer.concat(chunks).toString('utf8'), (name) => {
              const v = res.headers[name];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            }),
          );
        });
      });
      // ETIMEDOUT: the client's to retry (503), not an internal error (500)
      req.on('timeout', () => req.destroy(Object.assign(new Error(`subgraph did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * The gateway's client for a subgraph running in this process: the same request (headers and
 * JSON body) handed to the subgraph's in-process /graphql instead of a socket, with the same
 * deadline. The subgraph's HTTP endpoint stays up for everyone else.
 */
export function inProcessFetcher(call: InProcessGraphQL, timeoutMs: number): Fetcher {
  return async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`subgraph did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    try {
      const answer = await Promise.race([
        call({ headers: (init?.headers as Record<string, string> | undefined) ?? {}, body: typeof init?.body === 'string' ? init.body : '' }),
        deadline,
      ]);
      return fetcherResponse(url, answer.status, STATUS_CODES[answer.status] ?? '', answer.body, (name) => answer.headers[name] ?? null);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The part of a fetch response Apollo's RemoteGraphQLDataSource reads. */
function fetcherResponse(
  url: string,
  status: number,
  statusText: string,
  text: string,
  header: (lowerCaseName: string) => string | null,
): FetcherResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url,
    headers: { get: (name: string) => header(name.toLowerCase()) },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as FetcherResponse;
}
