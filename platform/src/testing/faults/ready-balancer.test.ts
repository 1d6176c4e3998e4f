import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startReadyBalancer, type ReadyBalancer } from './ready-balancer';

interface Replica {
  url: string;
  server: Server;
  /** What /readyz answers. */
  readyStatus: number;
  /** When set, requests other than /readyz are held here instead of answered. */
  held: ServerResponse[] | null;
}

async function startReplica(name: string): Promise<Replica> {
  const replica: Replica = { url: '', server: createServer(), readyStatus: 200, held: null };
  replica.server.on('request', (req, res) => {
    if (req.url === '/readyz') return void res.writeHead(replica.readyStatus).end();
    req.resume();
    req.on('end', () => (replica.held ? replica.held.push(res) : res.end(name)));
  });
  await new Promise<void>((resolve) => replica.server.listen(0, '127.0.0.1', resolve));
  replica.url = `http://127.0.0.1:${(replica.server.address() as AddressInfo).port}`;
  return replica;
}

async function stop(replica: Replica): Promise<void> {
  await new Promise<void>((resolve) => {
    replica.server.close(() => resolve());
    replica.server.closeAllConnections();
  });
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const post = async (lb: ReadyBalancer) => {
  const r = await fetch(`${lb.url}/graphql`, { method: 'POST', body: '{"query":"{ x }"}' });
  return `${r.status} ${await r.text()}`;
};

describe('startReadyBalancer', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('retries a request whose connection was refused on another ready backend and routes no more to the refusing one', async () => {
    const a = await startReplica('a');
    const b = await startReplica('b');
    // probes only at add(): the balancer learns that a closed from the refused connection alone
    const lb = await startReadyBalancer({ probeIntervalMs: 600_000 });
    cleanup.push(
      () => stop(b),
      () => lb.close(),
    );
    lb.add(a.url);
    lb.add(b.url);
    await lb.waitReady(a.url, 10_000);
    await lb.waitReady(b.url, 10_000);
    await stop(a);

    const answers = await Promise.all([post(lb), post(lb), post(lb), post(lb)]);

    assert.deepEqual(answers, ['200 b', '200 b', '200 b', '200 b']);
    const stats = lb.stats();
    assert.deepEqual(stats.upstreamErrors, []);
    assert.ok(stats.retriedRefusals.length >= 1 && stats.retriedRefusals.every((r) => r.startsWith(a.url)), stats.retriedRefusals.join('\n'));
    // a is out of rotation though no probe has seen it go (transitions are what the probes saw)
    assert.deepEqual(
      lb.transitions.filter((t) => !t.ready),
      [],
    );
    assert.equal(await post(lb), '200 b');
    assert.equal(lb.stats().routed[a.url], stats.retriedRefusals.length);
  });

  it('chooses the backend when a connection frees up, not when the request arrives', async () => {
    const a = await startReplica('a');
    const b = await startReplica('b');
    const lb = await startReadyBalancer({ probeIntervalMs: 20, maxSocketsPerBackend: 1 });
    cleanup.push(
      () => stop(a),
      () => stop(b),
      () => lb.close(),
    );
    lb.add(a.url);
    await lb.waitReady(a.url, 10_000);
    a.held = [];
    const first = post(lb);
    await until('the first request held by a', () => a.held!.length === 1);
    const second = post(lb);
    await until('the second request waiting in the balancer', () => lb.stats().queued === 1); // a has no free connection
    // a turns not ready and b joins while the second request waits
    a.readyStatus = 503;
    await until('a seen not ready', () => lb.transitions.some((t) => t.backend === a.url && !t.ready));
    lb.add(b.url);
    await lb.waitReady(b.url, 10_000);
    a.held.shift()!.end('a');

    assert.equal(await first, '200 a');
    assert.equal(await second, '200 b');
    assert.deepEqual(lb.stats().routed, { [a.url]: 1, [b.url]: 1 });
  });

  it('answers 503 when no backend is ready', async () => {
    const lb = await startReadyBalancer();
    cleanup.push(() => lb.close());
    assert.equal(await post(lb), '503 no ready backend');
    assert.equal(lb.stats().noReadyBackend, 1);
  });
});
