import { Agent, request } from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

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
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            statusText: res.statusMessage ?? '',
            url,
            headers: {
              get: (name: string) => {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
              },
            },
            text: async () => text,
            json: async () => JSON.parse(text) as unknown,
          } as unknown as FetcherResponse);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`subgraph did not answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
}
