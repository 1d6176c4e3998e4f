import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRateLimiter, type RateLimiterOptions } from './rate-limit';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Behaviour every RateLimiter backend shows; used by the memory and the Redis test files. */
export function rateLimiterContract(label: string, redis: () => Redis | undefined): void {
  const make = (o: Partial<RateLimiterOptions> = {}) =>
    createRateLimiter({
      redis: redis(),
      keyPrefix: `crm-test:rl:${randomUUID()}`,
      points: 3,
      durationSeconds: 60,
      blockDurationSeconds: 120,
      failClosed: true,
      ...o,
    });

  describe(`RateLimiter contract (${label})`, () => {
    it('allows `points` consumes, then blocks with a Retry-After of the block duration', async () => {
      const rl = make();
      for (let i = 0; i < 3; i++) assert.deepEqual(await rl.consume('user@example.com|1.2.3.4'), { allowed: true, retryAfterSeconds: 0 });
      const blocked = await rl.consume('user@example.com|1.2.3.4');
      assert.equal(blocked.allowed, false);
      assert.ok(blocked.retryAfterSeconds > 60 && blocked.retryAfterSeconds <= 120, String(blocked.retryAfterSeconds));
      const again = await rl.consume('user@example.com|1.2.3.4');
      assert.equal(again.allowed, false, 'stays blocked');
      assert.ok(again.retryAfterSeconds > 0);
    });

    it('counts keys independently, and limiters with different prefixes independently', async () => {
      const rl = make({ points: 1 });
      assert.equal((await rl.consume('a')).allowed, true);
      assert.equal((await rl.consume('a')).allowed, false);
      assert.equal((await rl.consume('b')).allowed, true);
      assert.equal((await make({ points: 1 }).consume('a')).allowed, true);
    });

    it('spends several points at once', async () => {
      const rl = make({ points: 5 });
      assert.equal((await rl.consume('k', 3)).allowed, true);
      assert.equal((await rl.consume('k', 3)).allowed, false);
      await assert.rejects(rl.consume('k', 0), /points/);
      await assert.rejects(rl.consume('k', 1.5), /points/);
    });

    it('reset clears a blocked key', async () => {
      const rl = make({ points: 2 });
      await rl.consume('k');
      await rl.consume('k');
      assert.equal((await rl.consume('k')).allowed, false);
      await rl.reset('k');
      assert.deepEqual(await rl.peek('k'), { consumed: 0, blockedForSeconds: 0, resetInSeconds: 0 });
      assert.equal((await rl.consume('k')).allowed, true);
      await rl.reset('never-used');
    });

    it('peek reports consumption and the remaining block without spending', async () => {
      const rl = make({ points: 2 });
      assert.deepEqual(await rl.peek('k'), { consumed: 0, blockedForSeconds: 0, resetInSeconds: 0 });
      await rl.consume('k');
      const once = await rl.peek('k');
      assert.deepEqual({ ...once, resetInSeconds: undefined }, { consumed: 1, blockedForSeconds: 0, resetInSeconds: undefined });
      assert.ok(once.resetInSeconds >= 1 && once.resetInSeconds <= 60, 'the window end is reported while the key is counted');
      assert.equal((await rl.peek('k')).consumed, 1, 'peeking does not consume');
      await rl.consume('k');
      await rl.consume('k');
      const p = await rl.peek('k');
      assert.equal(p.consumed, 3);
      assert.ok(p.blockedForSeconds > 60 && p.blockedForSeconds <= 120, String(p.blockedForSeconds));
    });

    it('opens again when the window ends (no block duration)', async () => {
      const rl = make({ points: 2, durationSeconds: 1, blockDurationSeconds: 0 });
      await rl.consume('k');
      await rl.consume('k');
      const blocked = await rl.consume('k');
      assert.deepEqual(blocked, { allowed: false, retryAfterSeconds: 1 });
      await sleep(1100);
      assert.equal((await rl.consume('k')).allowed, true);
    });

    it('keeps a key blocked past the window when a block duration is set', async () => {
      const rl = make({ points: 1, durationSeconds: 1, blockDurationSeconds: 3 });
      await rl.consume('k');
      assert.equal((await rl.consume('k')).allowed, false);
      await sleep(1100);
      const still = await rl.consume('k');
      assert.equal(still.allowed, false);
      assert.ok(still.retryAfterSeconds >= 1 && still.retryAfterSeconds <= 2, String(still.retryAfterSeconds));
    });
  });
}
