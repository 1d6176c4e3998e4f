import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { testBackends } from '../testing/env';
import type { Cache, CacheEntry } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';
import { ReadThrough } from './read-through';
import { createCache } from './create-cache';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Small deterministic PRNG so interleavings are reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function shuffled<T>(items: T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The contract every Cache implementation honours. */
function cacheContract(label: string, make: () => Promise<Cache>) {
  describe(`Cache contract (${label})`, () => {
    let cache: Cache;
    const prefix = `crm-test:${randomUUID()}:`;
    const k = (name: string) => `${prefix}${name}`;

    before(async () => {
      cache = await make();
    });
    after(async () => {
      await cache.close();
    });

    it('answers ping and misses on absent keys', async () => {
      assert.equal(await cache.ping(), true);
      assert.equal(await cache.get(k('absent')), undefined);
      assert.equal(await cache.counter(k('absent-counter')), 0);
    });

    it('add stores only when the key is absent', async () => {
      await cache.add(k('add'), { version: 1, value: { name: 'first' } }, 60);
      await cache.add(k('add'), { version: 9, value: { name: 'second' } }, 60);
      assert.deepEqual(await cache.get(k('add')), { version: 1, value: { name: 'first' } });
    });

    it('setIfNewer never replaces a newer or equal version', async () => {
      const key = k('sin');
      await cache.setIfNewer(key, { version: 2, value: 'v2' }, 60);
      assert.deepEqual(await cache.get(key), { version: 2, value: 'v2' });
      await cache.setIfNewer(key, { version: 1, value: 'v1' }, 60);
      assert.deepEqual(await cache.get(key), { version: 2, value: 'v2' });
      await cache.setIfNewer(key, { version: 2, value: 'v2-again' }, 60);
      assert.deepEqual(await cache.get(key), { version: 2, value: 'v2' });
      await cache.setIfNewer(key, { version: 10, value: 'v10' }, 60);
      assert.deepEqual(await cache.get(key), { version: 10, value: 'v10' });
      await cache.setIfNewer(key, { version: 9, value: 'v9' }, 60);
      assert.deepEqual(await cache.get(key), { version: 10, value: 'v10' });
    });

    it('setIfNewer replaces an older value stored by add', async () => {
      const key = k('add-then-sin');
      await cache.add(key, { version: 3, value: 'stale read' }, 60);
      await cache.setIfNewer(key, { version: 4, value: 'projected' }, 60);
      assert.deepEqual(await cache.get(key), { version: 4, value: 'projected' });
      await cache.add(key, { version: 2, value: 'late read' }, 60);
      assert.deepEqual(await cache.get(key), { version: 4, value: 'projected' });
    });

    it('always ends at the newest version, whatever the interleaving of add, setIfNewer and del', async () => {
      const rnd = prng(42);
      const keys = Array.from({ length: 40 }, (_, i) => k(`race-${i}`));
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          keys.map(async (key) => {
            const ops = shuffled(
              Array.from({ length: 15 }, (_, v) => v + 1).flatMap((version) => [
                () => cache.setIfNewer(key, { version, value: `p${version}` }, 60),
                () => cache.add(key, { version, value: `r${version}` }, 60),
              ]),
              rnd,
            );
            // readers may also invalidate (del) before the projector's final writes
            await cache.del(key);
            await Promise.all(ops.map(async (op) => op()));
            await cache.setIfNewer(key, { version: 15, value: 'p15' }, 60);
          }),
        );
        for (const key of keys) {
          const e = (await cache.get<string>(key)) as CacheEntry<string>;
          assert.equal(e.version, 15, `${key} round ${round}`);
        }
      }
    });

    it('setIfNewer under concurrency keeps the maximum version', async () => {
      const rnd = prng(7);
      const key = k('concurrent-max');
      const versions = shuffled(
        Array.from({ length: 200 }, (_, i) => i + 1),
        rnd,
      );
      await Promise.all(versions.map((version) => cache.setIfNewer(key, { version, value: version }, 60)));
      assert.deepEqual(await cache.get(key), { version: 200, value: 200 });
    });

    it('incr counts atomically and counter reads it', async () => {
      const key = k('counter');
      assert.equal(await cache.incr(key, 60), 1);
      assert.equal(await cache.incr(key, 60), 2);
      const results = await Promise.all(Array.from({ length: 50 }, () => cache.incr(key, 60)));
      assert.deepEqual(
        [...results].sort((a, b) => (a ?? 0) - (b ?? 0)),
        Array.from({ length: 50 }, (_, i) => i + 3),
      );
      assert.equal(await cache.counter(key), 52);
    });

    it('del removes one or many keys and ignores absent ones', async () => {
      await cache.add(k('d1'), { version: 1, value: 1 }, 60);
      await cache.add(k('d2'), { version: 1, value: 2 }, 60);
      await cache.incr(k('d3'), 60);
      await cache.del(k('d1'), k('d2'), k('d3'), k('never'));
      await cache.del();
      assert.equal(await cache.get(k('d1')), undefined);
      assert.equal(await cache.get(k('d2')), undefined);
      assert.equal(await cache.counter(k('d3')), 0);
      await cache.add(k('d1'), { version: 5, value: 'again' }, 60);
      assert.deepEqual(await cache.get(k('d1')), { version: 5, value: 'again' });
    });

    it('expires entries after their TTL', async () => {
      await cache.add(k('ttl'), { version: 1, value: 'short' }, 1);
      await cache.setIfNewer(k('ttl2'), { version: 1, value: 'short' }, 1);
      await cache.incr(k('ttl3'), 1);
      assert.ok(await cache.get(k('ttl')));
      await sleep(1150);
      assert.equal(await cache.get(k('ttl')), undefined);
      assert.equal(await cache.get(k('ttl2')), undefined);
      assert.equal(await cache.counter(k('ttl3')), 0);
    });

    it('ReadThrough: 100 concurrent misses on one key make exactly one load', async () => {
      const rt = new ReadThrough(cache, 60);
      const key = k('single-flight');
      let loads = 0;
      const load = async () => {
        loads++;
        await sleep(30);
        return { version: 3, value: { id: 'c1' } };
      };
      const results = await Promise.all(Array.from({ length: 100 }, () => rt.get(key, load)));
      assert.equal(loads, 1);
      assert.equal(rt.loads, 1);
      for (const r of results) assert.deepEqual(r, { version: 3, value: { id: 'c1' } });
      assert.deepEqual(await cache.get(key), { version: 3, value: { id: 'c1' } });
      assert.deepEqual(await rt.get(key, load), { version: 3, value: { id: 'c1' } });
      assert.equal(loads, 1, 'later reads hit the cache');
    });

    it('ReadThrough: never overwrites a fresher projector write and does not cache misses', async () => {
      const rt = new ReadThrough(cache, 60);
      const key = k('rt-fresh');
      const loaded = rt.get(key, async () => {
        await sleep(30);
        return { version: 1, value: 'old' };
      });
      await sleep(5);
      await cache.setIfNewer(key, { version: 2, value: 'new' }, 60);
      await loaded;
      assert.deepEqual(await cache.get(key), { version: 2, value: 'new' });

      let loads = 0;
      const none = async () => {
        loads++;
        return undefined;
      };
      assert.equal(await rt.get(k('rt-none'), none), undefined);
      assert.equal(await rt.get(k('rt-none'), none), undefined);
      assert.equal(loads, 2);
    });

    it('ReadThrough: a failed load rejects every waiter and is retried next time', async () => {
      const rt = new ReadThrough(cache, 60);
      const key = k('rt-fail');
      const failing = async () => {
        await sleep(10);
        throw new Error('db down');
      };
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => rt.get(key, failing)));
      assert.ok(results.every((r) => r.status === 'rejected'));
      assert.equal(rt.loads, 1);
      assert.deepEqual(await rt.get(key, async () => ({ version: 1, value: 'ok' })), { version: 1, value: 'ok' });
    });
  });
}

cacheContract('MemoryCache', async () => new MemoryCache());

if (backends.redisUrl) {
  const url = backends.redisUrl;
  cacheContract('RedisCache', async () => {
    const cache = new RedisCache(url, logger);
    await cache.waitReady();
    return cache;
  });
}

describe('createCache', () => {
  it('uses the in-memory cache without a URL', async () => {
    const c = await createCache(undefined, logger);
    assert.equal(c.kind, 'memory');
    await c.close();
  });

  it('fails fast when a reachable Redis is required but absent', async () => {
    // rejects after waitReady's bounded wait (not after reconnecting for ever), and says so
    await assert.rejects(createCache('redis://127.0.0.1:1', logger, true), /not reachable within 5000 ms/);
  });
});

describe('RedisCache against a closed port', () => {
  let cache: RedisCache;
  let reconnects = 0;
  before(() => {
    cache = new RedisCache('redis://127.0.0.1:1', logger);
    // the client's reconnect attempts: a call that waited for Redis would span at least one
    (cache as unknown as { redis: Redis }).redis.on('reconnecting', () => reconnects++);
  });
  after(async () => {
    await cache.close();
  });

  it('answers misses and undefined without waiting for a reconnect, and never throws', async () => {
    const client = (cache as unknown as { redis: Redis }).redis;
    // the first connection attempt failed (events.once would reject on the client's 'error')
    if (client.status !== 'reconnecting') await new Promise((r) => client.once('reconnecting', r));
    for (let round = 0; round < 3; round++) {
      const before = reconnects;
      const [got, added, set, deleted, incr, counter, ping] = await Promise.all([
        cache.get('k'),
        cache.add('k', { version: 1, value: 1 }, 10),
        cache.setIfNewer('k', { version: 2, value: 2 }, 10),
        cache.del('k', 'j'),
        cache.incr('n', 10),
        cache.counter('n'),
        cache.ping(),
      ]);
      assert.deepEqual([got, added, set, deleted, incr, counter, ping], [undefined, undefined, undefined, undefined, undefined, undefined, false]);
      // refused at once (no offline queue), not held until the next connection attempt
      assert.equal(reconnects, before, 'the calls waited for a reconnect');
    }
  });

  it('lets ReadThrough fall back to the loader', async () => {
    const rt = new ReadThrough(cache, 60);
    assert.deepEqual(await rt.get('k', async () => ({ version: 1, value: 'from db' })), { version: 1, value: 'from db' });
  });

  it('waitReady rejects after its timeout', async () => {
    await assert.rejects(cache.waitReady(200), /not reachable within 200 ms/);
  });
});
