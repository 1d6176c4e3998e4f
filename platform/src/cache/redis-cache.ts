import Redis from 'ioredis';
import type { Logger } from 'pino';
import { type Cache, type CacheEntry, decodeEntry, encodeEntry, markTtl, versionMarkOf } from './cache';
import { cacheRequests } from '../observability/metrics';

// KEYS[1] entry, KEYS[2] its version mark; ARGV version, encoded entry, ttl seconds, mark ttl seconds.
// The mark remembers the newest version written through and outlives the entry, so a reader holding
// an older version cannot repopulate the entry after it expired or was evicted (the lease idea).
const SET_IF_NEWER = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local v = tonumber(string.match(cur, '^(%d+)|'))
  if v and v >= tonumber(ARGV[1]) then return 0 end
end
local mark = tonumber(redis.call('GET', KEYS[2]))
if not mark or mark < tonumber(ARGV[1]) then redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[4]) end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

// Fill a miss: only if absent and not older than the newest version written through.
const ADD = `
local mark = tonumber(redis.call('GET', KEYS[2]))
if mark and mark > tonumber(ARGV[1]) then return 0 end
if redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3], 'NX') then return 1 end
return 0`;

/** A write the cache could not make while Redis was unreachable, made again once it is back. */
type MissedWrite = { kind: 'set'; version: number; raw: string; ttlSeconds: number } | { kind: 'del' } | { kind: 'incr'; ttlSeconds: number };

/** Writes remembered during an outage (per process); beyond this the TTL is the only backstop. */
const MAX_MISSED_WRITES = 50_000;

/**
 * Redis cache (ioredis). Commands never queue while disconnected and time out quickly, so a
 * Redis outage turns into cache misses (reads fall through to PostgreSQL), never into errors.
 * Writes that fail (a projector's write-through, invalidations, generation bumps) are remembered
 * and made again when Redis is back: otherwise an entry cached before the outage would be served
 * after it, older than the writes made meanwhile, until its TTL ran out.
 */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private lastErrorLog = 0;
  private readonly missed = new Map<string, MissedWrite>();
  private missedOverflow = 0;
  private replaying: Promise<void> | null = null;

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
    this.redis.on('ready', () => void this.replayMissed());
    this.redis.defineCommand('setIfNewer', { numberOfKeys: 2, lua: SET_IF_NEWER });
    this.redis.defineCommand('addIfCurrent', { numberOfKeys: 2, lua: ADD });
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

  /** Writes waiting for Redis to come back (for tests and metrics). */
  pendingWrites(): number {
    return this.missed.size;
  }

  private remember(key: string, write: MissedWrite): void {
    const prev = this.missed.get(key);
    if (write.kind === 'set' && prev?.kind === 'set' && prev.version >= write.version) return;
    if (!prev && this.missed.size >= MAX_MISSED_WRITES) {
      if (this.missedOverflow++ % 1000 === 0)
        this.logger.error(
          { max: MAX_MISSED_WRITES },
          'redis cache: too many writes missed during the outage; entries may stay stale until their TTL',
        );
      return;
    }
    this.missed.set(key, write);
  }

  /** A later write to `key` succeeded: a remembered write it supersedes is no longer owed. */
  private settled(key: string, supersedes: (w: MissedWrite) => boolean): void {
    const owed = this.missed.get(key);
    if (owed && supersedes(owed)) this.missed.delete(key);
  }

  /** Makes the remembered writes now that Redis answers again; what still fails stays remembered. */
  private replayMissed(): Promise<void> {
    if (this.replaying || this.missed.size === 0) return this.replaying ?? Promise.resolve();
    this.replaying = (async () => {
      let done = 0;
      for (const [key, write] of [...this.missed.entries()]) {
        if (this.missed.get(key) !== write) continue; // superseded by a later successful write meanwhile
        try {
          if (write.kind === 'set') await this.setIfNewerCommand(key, write.version, write.raw, write.ttlSeconds);
          else if (write.kind === 'del') await this.redis.del(key);
          else await this.redis.multi().incr(key).expire(key, write.ttlSeconds).exec();
          if (this.missed.get(key) === write) this.missed.delete(key);
          done++;
        } catch (err) {
          this.warn(err);
          break;
        }
      }
      if (done > 0) this.logger.info({ replayed: done, left: this.missed.size }, 'redis cache: writes missed during the outage made again');
    })().finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private setIfNewerCommand(key: string, version: number, raw: string, ttlSeconds: number): Promise<number> {
    return (this.redis as unknown as { setIfNewer: (...a: unknown[]) => Promise<number> }).setIfNewer(
      key,
      versionMarkOf(key),
      version,
      raw,
      ttlSeconds,
      markTtl(ttlSeconds),
    );
  }

  private async soft<T>(fn: () => Promise<T>, fallback: T, onFailure?: () => void): Promise<T> {
    try {
      const value = await fn();
      // Redis answers again (also after a stall that caused no reconnect): catch up on missed writes
      if (this.missed.size > 0) void this.replayMissed();
      return value;
    } catch (err) {
      this.warn(err);
      onFailure?.();
      return fallback;
    }
  }

  get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    return this.lookup<T>(key).then((entry) => {
      (entry ? this.hits : this.misses).inc();
      return entry;
    });
  }

  private readonly hits = cacheRequests().labels('redis', 'hit');
  private readonly misses = cacheRequests().labels('redis', 'miss');

  private lookup<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const owed = this.missed.get(key);
    // an invalidation is still owed to Redis: what it holds may be stale, so miss
    if (owed && owed.kind !== 'set') return Promise.resolve(undefined);
    return this.soft(async () => {
      const entry = decodeEntry<T>(await this.redis.get(key));
      if (!owed) return entry;
      // a write-through is owed: serve only what is at least that new (the write may have landed after a timeout)
      if (entry && entry.version >= owed.version) {
        this.settled(key, (w) => w === owed);
        return entry;
      }
      return undefined;
    }, undefined);
  }

  add<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    return this.soft(async () => {
      await (this.redis as unknown as { addIfCurrent: (...a: unknown[]) => Promise<number> }).addIfCurrent(
        key,
        versionMarkOf(key),
        entry.version,
        encodeEntry(entry),
        ttlSeconds,
      );
    }, undefined);
  }

  setIfNewer<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    const raw = encodeEntry(entry);
    return this.soft(
      async () => {
        await this.setIfNewerCommand(key, entry.version, raw, ttlSeconds);
        this.settled(key, (w) => w.kind !== 'set' || w.version <= entry.version);
      },
      undefined,
      () => this.remember(key, { kind: 'set', version: entry.version, raw, ttlSeconds }),
    );
  }

  del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return Promise.resolve();
    return this.soft(
      async () => {
        await this.redis.del(...keys);
        for (const k of keys) this.settled(k, () => true);
      },
      undefined,
      () => keys.forEach((k) => this.remember(k, { kind: 'del' })),
    );
  }

  incr(key: string, ttlSeconds: number): Promise<number | undefined> {
    return this.soft(
      async () => {
        const [[, value]] = (await this.redis.multi().incr(key).expire(key, ttlSeconds).exec()) as [[unknown, number]];
        this.settled(key, (w) => w.kind === 'incr');
        return value;
      },
      undefined,
      () => this.remember(key, { kind: 'incr', ttlSeconds }),
    );
  }

  counter(key: string): Promise<number | undefined> {
    if (this.missed.has(key)) return Promise.resolve(undefined);
    return this.soft(async () => Number((await this.redis.get(key)) ?? 0), undefined);
  }

  ping(): Promise<boolean> {
    return this.soft(async () => (await this.redis.ping()) === 'PONG', false);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
