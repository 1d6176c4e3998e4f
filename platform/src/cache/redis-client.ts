import Redis from 'ioredis';

/**
 * A Redis client for rate limits and other direct uses (the cache has its own): commands fail at
 * once while Redis is unreachable instead of queueing, so callers can fail open or closed.
 */
export function openRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
}

/** The client type openRedis returns (so packages need not depend on ioredis themselves). */
export type RedisClient = Redis;
