import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a loopback receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A loopback HTTP receiver for webhook and provider tests: records every request and answers with `status()`. */
export async function loopbackReceiver(
  status: () => number = () => 200,
): Promise<{ url: string; base: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/hooks`, base, received, server };
}

/** Polls `probe` every 50 ms until it gives something other than undefined (sync or async); fails naming `what` after `tries`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, tries = 2400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
