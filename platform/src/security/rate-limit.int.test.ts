import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { testBackends } from '../testing/env';
import { createRateLimiter } from './rate-limit';
import { rateLimiterContract } from './rate-limit-contract';

const backends = testBackends();

if (backends.redisUrl) {
  const url = backends.redisUrl;
  let redis: Redis;
  before(async () => {
    redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    await redis.connect();
  });
  after(() => redis.disconnect());

  rateLimiterContract('redis', () => redis);

  describe('RateLimiter on Redis', () => {
    it('shares state between limiter instances (as between pods)', async () => {
      const keyPrefix = `crm-test:rl:shared:${Date.now()}:${Math.random()}`;
      const opts = { redis, keyPrefix, points: 2, durationSeconds: 30, blockDurationSeconds: 30, failClosed: true };
      const podA = createRateLimiter(opts);
      const podB = createRateLimiter(opts);
      assert.equal((await podA.consume('ip')).allowed, true);
      assert.equal((await podB.consume('ip')).allowed, true);
      assert.equal((await podA.consume('ip')).allowed, false);
      assert.equal((await podB.consume('ip')).allowed, false);
      await podB.reset('ip');
      assert.equal((await podA.consume('ip')).allowed, true);
      await podA.reset('ip');
    });

    it('stores its keys under the prefix with an expiry', async () => {
      const keyPrefix = `crm-test:rl:ttl:${Date.now()}`;
      await createRateLimiter({ redis, keyPrefix, points: 2, durationSeconds: 30, blockDurationSeconds: 0, failClosed: true }).consume('ip');
      const keys = await redis.keys(`${keyPrefix}*`);
      assert.equal(keys.length, 1);
      const ttl = await redis.ttl(keys[0]!);
      assert.ok(ttl > 0 && ttl <= 30, String(ttl));
    });
  });
} else {
  describe('RateLimiter on Redis', () => {
    it('skipped: REDIS_URL is not set', { skip: true }, () => undefined);
  });
}
