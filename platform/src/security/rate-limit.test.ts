import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import Redis from 'ioredis';
import { AppError } from '../errors/app-error';
import { createRateLimiter, STORE_UNAVAILABLE_RETRY_SECONDS } from './rate-limit';
import { rateLimiterContract } from './rate-limit-contract';

rateLimiterContract('memory', () => undefined);

describe('createRateLimiter', () => {
  it('refuses nonsensical configuration', () => {
    const base = { keyPrefix: 'p', points: 1, durationSeconds: 1, blockDurationSeconds: 0, failClosed: true };
    assert.throws(() => createRateLimiter({ ...base, points: 0 }), /points/);
    assert.throws(() => createRateLimiter({ ...base, durationSeconds: 0.5 }), /durationSeconds/);
    assert.throws(() => createRateLimiter({ ...base, blockDurationSeconds: -1 }), /blockDurationSeconds/);
    assert.throws(() => createRateLimiter({ ...base, keyPrefix: '' }), /keyPrefix/);
  });
});

describe('RateLimiter when Redis is unreachable', () => {
  // Nothing listens on port 1: with enableOfflineQueue false every command fails at once.
  const redis = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 1000,
    lazyConnect: false,
  });
  redis.on('error', () => undefined);
  // the client's reconnect attempts: a call that waited for Redis would span at least one
  let reconnects = 0;
  redis.on('reconnecting', () => reconnects++);
  after(() => redis.disconnect());
  const options = { redis, points: 5, durationSeconds: 60, blockDurationSeconds: 60 };

  it('fails closed (login, OTP, password reset): refuses quickly with a Retry-After', async () => {
    const errors: string[] = [];
    const causes: string[] = [];
    const rl = createRateLimiter({
      ...options,
      keyPrefix: 'rl:login',
      failClosed: true,
      onStoreError: (e, op) => {
        errors.push(op);
        causes.push((e as Error).message);
      },
    });
    const before = reconnects;
    assert.deepEqual(await rl.consume('user|ip'), { allowed: false, retryAfterSeconds: STORE_UNAVAILABLE_RETRY_SECONDS });
    assert.equal(reconnects, before, 'no waiting for Redis to come back');
    assert.doesNotMatch(causes[0] ?? '', /did not answer within/, 'refused by the client at once, not after the store timeout');
    assert.deepEqual(errors, ['consume']);
  });

  it('fails open (general quotas): lets the request through', async () => {
    const rl = createRateLimiter({ ...options, keyPrefix: 'rl:api', failClosed: false });
    for (let i = 0; i < 10; i++) assert.deepEqual(await rl.consume('tenant-1'), { allowed: true, retryAfterSeconds: 0 });
  });

  it('reset does not throw; peek reports UNAVAILABLE', async () => {
    const errors: string[] = [];
    const rl = createRateLimiter({ ...options, keyPrefix: 'rl:x', failClosed: true, onStoreError: (_e, op) => errors.push(op) });
    await rl.reset('k');
    await assert.rejects(rl.peek('k'), (err: unknown) => err instanceof AppError && err.code === 'UNAVAILABLE');
    assert.deepEqual(errors, ['reset', 'peek']);
  });
});

describe('RateLimiter when Redis accepts connections but never answers', () => {
  const sockets = new Set<Socket>();
  let server: Server;
  let redis: Redis;

  after(async () => {
    redis?.disconnect();
    for (const s of sockets) s.destroy();
    await new Promise((r) => server?.close(r));
  });

  it('treats a slow store as failed after storeTimeoutMs', async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    // no ready check or client-info handshake, so the client believes it is ready while every command hangs
    redis = new Redis({ host: '127.0.0.1', port, enableReadyCheck: false, disableClientInfo: true, maxRetriesPerRequest: 0, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
    const closed = createRateLimiter({
      redis,
      keyPrefix: 'rl:slow',
      points: 5,
      durationSeconds: 60,
      blockDurationSeconds: 0,
      failClosed: true,
      storeTimeoutMs: 150,
    });
    const open = createRateLimiter({
      redis,
      keyPrefix: 'rl:slow2',
      points: 5,
      durationSeconds: 60,
      blockDurationSeconds: 0,
      failClosed: false,
      storeTimeoutMs: 150,
    });
    const start = Date.now();
    assert.equal((await closed.consume('k')).allowed, false);
    assert.equal((await open.consume('k')).allowed, true);
    const elapsed = Date.now() - start;
    assert.ok(elapsed >= 250 && elapsed < 1500, `${elapsed} ms`);
  });
});
