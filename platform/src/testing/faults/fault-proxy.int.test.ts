import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { testBackends } from '../env';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const backends = testBackends();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles to 'pending' if the promise has not settled after `ms` (the proxy must be holding it). */
async function stillPending(p: Promise<unknown>, ms: number): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([
    p.then(
      () => 'settled',
      () => 'settled',
    ),
    sleep(ms).then(() => marker),
  ]);
  return winner === marker;
}

function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    s.on('connect', () => {
      s.on('close', () => resolve('closed-after-connect'));
    });
  });
}

function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

describe('fault proxy in front of real Redis', { skip: !backends.redisUrl && 'REDIS_URL not set' }, () => {
  let proxy: FaultProxy;
  let redis: Redis;
  const status = (): string => redis.status;

  before(async () => {
    proxy = await startFaultProxy({ target: hostPort(backends.redisUrl!) });
    redis = new Redis(proxy.url('redis'), { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
  });
  after(async () => {
    redis.disconnect();
    await proxy.close();
  });

  it('pass forwards commands and counts connections and bytes', async () => {
    assert.equal(await redis.ping(), 'PONG');
    const s = proxy.stats();
    assert.equal(s.connections, 1);
    assert.equal(s.active, 1);
    assert.ok(s.bytesToTarget > 0 && s.bytesToClient > 0);
  });

  it('latency delays each round trip by at least the configured time', async () => {
    await proxy.setMode({ kind: 'latency', ms: 120, jitterMs: 30 });
    const started = Date.now();
    assert.equal(await redis.ping(), 'PONG');
    // both directions are delayed: a round trip takes at least 2 × ms
    assert.ok(Date.now() - started >= 230, `round trip took ${Date.now() - started} ms`);
    // order is kept under jitter: pipelined INCRs come back in sequence
    const key = `crm-test:fault-proxy:${process.pid}:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => redis.incr(key)));
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await redis.del(key);
    await proxy.setMode({ kind: 'pass' });
  });

  it('hang holds a command until forwarding resumes, then delivers it', async () => {
    await proxy.setMode({ kind: 'hang' });
    const reply = redis.echo('held');
    assert.equal(await stillPending(reply, 300), true, 'reply arrived while the proxy hangs');
    await proxy.setMode({ kind: 'pass' });
    assert.equal(await reply, 'held');
  });

  it('drop swallows bytes: the command never gets an answer and the bytes are counted', async () => {
    const before = proxy.stats().bytesDropped;
    await proxy.setMode({ kind: 'drop' });
    const reply = redis.echo('lost');
    reply.catch(() => undefined);
    assert.equal(await stillPending(reply, 300), true, 'reply arrived through a black hole');
    assert.ok(proxy.stats().bytesDropped > before);
    await proxy.setMode({ kind: 'pass' });
    // the request was discarded, not held: the connection is desynchronised, so reset it
    proxy.resetAll();
    await assert.rejects(reply);
  });

  it('resetAll sends RST: the open connection fails with ECONNRESET and the client reconnects', async () => {
    const errors: string[] = [];
    const onError = (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message);
    redis.on('error', onError);
    while (status() !== 'ready') await sleep(20);
    const resetsBefore = proxy.stats().resets;
    proxy.resetAll();
    while (status() === 'ready') await sleep(5);
    while (status() !== 'ready') await sleep(20);
    redis.off('error', onError);
    assert.ok(errors.includes('ECONNRESET'), `errors seen: ${errors.join(',')}`);
    assert.ok(proxy.stats().resets > resetsBefore);
    assert.equal(await redis.ping(), 'PONG');
  });

  it('reset mode resets new connections too, until the mode changes', async () => {
    await proxy.setMode({ kind: 'reset' });
    assert.equal(await connectError(proxy.port).then((c) => c === 'ECONNRESET' || c === 'closed-after-connect'), true);
    const other = new Redis(proxy.url('redis'), { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    other.on('error', () => undefined);
    await assert.rejects(other.connect().then(() => other.ping()));
    other.disconnect();
    await proxy.setMode({ kind: 'pass' });
    while (status() !== 'ready') await sleep(20);
    assert.equal(await redis.ping(), 'PONG');
  });

  it('down refuses new connections and closes open ones; pass listens again on the same port', async () => {
    const port = proxy.port;
    await proxy.setMode({ kind: 'down' });
    assert.equal(await connectError(port), 'ECONNREFUSED');
    assert.equal(proxy.stats().active, 0);
    while (status() === 'ready') await sleep(5);
    await proxy.setMode({ kind: 'pass' });
    assert.equal(proxy.port, port);
    while (status() !== 'ready') await sleep(20);
    assert.equal(await redis.ping(), 'PONG');
  });
});

describe('fault proxy in front of real PostgreSQL', { skip: !backends.databaseUrl && 'DATABASE_URL not set' }, () => {
  let proxy: FaultProxy;

  before(async () => {
    proxy = await startFaultProxy({ target: hostPort(backends.databaseUrl!) });
  });
  after(async () => {
    await proxy.close();
  });

  const connect = async (opts: { query_timeout?: number } = {}) => {
    const c = new Client({ connectionString: proxy.rewriteUrl(backends.databaseUrl!), ...opts });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };

  it('pass and latency: queries answer through the proxy, delayed by the latency', async () => {
    const c = await connect();
    assert.equal((await c.query('select 41 + 1 as n')).rows[0].n, 42);
    await proxy.setMode({ kind: 'latency', ms: 100 });
    const started = Date.now();
    await c.query('select 1');
    assert.ok(Date.now() - started >= 190, `query took ${Date.now() - started} ms`);
    await proxy.setMode({ kind: 'pass' });
    await c.end();
  });

  it('resetAll kills an open session: the client sees the connection terminate', async () => {
    const c = await connect();
    const errored = new Promise<Error>((resolve) => c.once('error', resolve));
    proxy.resetAll();
    const err = await errored;
    assert.match(err.message, /ECONNRESET|terminated/i);
    await assert.rejects(c.query('select 1'));
  });

  it('hang holds a query until forwarding resumes; drop makes it time out', async () => {
    const c = await connect({ query_timeout: 400 });
    await proxy.setMode({ kind: 'hang' });
    const held = c.query('select 7 as n');
    assert.equal(await stillPending(held, 200), true);
    await proxy.setMode({ kind: 'pass' });
    assert.equal((await held).rows[0].n, 7);

    await proxy.setMode({ kind: 'drop' });
    await assert.rejects(c.query('select 8'), /timeout/i);
    await proxy.setMode({ kind: 'pass' });
    proxy.resetAll();
  });

  it('down refuses connections, reset refuses sessions, pass recovers; close frees the port', async () => {
    await proxy.setMode({ kind: 'down' });
    await assert.rejects(connect(), /ECONNREFUSED/);
    await proxy.setMode({ kind: 'reset' });
    await assert.rejects(connect());
    await proxy.setMode({ kind: 'pass' });
    const c = await connect();
    assert.equal((await c.query('select 1 as n')).rows[0].n, 1);
    await c.end();
    const port = proxy.port;
    await proxy.close();
    assert.equal(await connectError(port), 'ECONNREFUSED');
  });
});
