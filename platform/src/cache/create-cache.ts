import type { Logger } from 'pino';
import type { Cache } from './cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

/** Redis when REDIS_URL is set, else the in-memory LRU (embedded default). */
export async function createCache(redisUrl: string | undefined, logger: Logger, requireReachable = false): Promise<Cache> {
  if (!redisUrl) return new MemoryCache();
  const cache = new RedisCache(redisUrl, logger);
  if (requireReachable) {
    try {
      await cache.waitReady();
    } catch (err) {
      await cache.close(); // otherwise the client keeps reconnecting (and the process alive) forever
      throw err;
    }
  }
  return cache;
}
