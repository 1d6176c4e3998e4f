import Redis from 'ioredis';
import type { Logger } from 'pino';
import { type Cache, type CacheEntry, decodeEntry, encodeEntry } from './cache';

const SET_IF_NEWER = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local v = tonumber(string.match(cur, '^(%d+)|'))
  if v and v >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

/**
 * Redis cache (ioredis). Commands never queue while disconnected and time out quickly, so a
 * Redis outage turns into cache misses (reads fall through to PostgreSQL), never into errors.
 */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private lastErrorLog = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
    options: { commandTimeoutMs?: number } = {},
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 250,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      lazyConnect: false,
    });
    this.redis.on('error', (err) => this.warn(err));
    this.redis.defineCommand('setIfNewer', { numberOfKeys: 1, lua: SET_IF_NEWER });
  }

  /** Resolves once connected (or rejects after `timeoutMs`): used at start to fail fast in CI. */
  async waitReady(timeoutMs = 5000): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis not reachable within ${timeoutMs} ms`)), timeoutMs);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private warn(err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorLog > 5000) {
      this.lastErrorLog = now;
      this.logger.warn({ err: (err as Error).message }, 'redis cache unavailable; serving from the database');
    }
  }

  private async soft<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.warn(err);
      return fallback;
    }
  }

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return this.soft(async () => decodeEntry<T>(await this.redis.get(key)), undefined);
  }

  add<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    return this.soft(async () => {
      await this.redis.set(key, encodeEntry(entry), 'EX', ttlSeconds, 'NX');
    }, undefined);
  }

  setIfNewer<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    return this.soft(async () => {
      await (this.redis as unknown as { setIfNewer: (...a: unknown[]) => Promise<number> }).setIfNewer(
        key,
        entry.version,
        encodeEntry(entry),
        ttlSeconds,
      );
    }, undefined);
  }

  del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    return this.soft(async () => {
      await this.redis.del(...keys);
    }, undefined);
  }

  incr(key: string, ttlSeconds: number): Promise<number | undefined> {
    return this.soft(async () => {
      const [[, value]] = (await this.redis.multi().incr(key).expire(key, ttlSeconds).exec()) as [[unknown, number]];
      return value;
    }, undefined);
  }

  counter(key: string): Promise<number | undefined> {
    return this.soft(async () => Number((await this.redis.get(key)) ?? 0), undefined);
  }

  ping(): Promise<boolean> {
    return this.soft(async () => (await this.redis.ping()) === 'PONG', false);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
