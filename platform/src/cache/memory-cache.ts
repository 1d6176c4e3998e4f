import { LRUCache } from 'lru-cache';
import { cacheRequests } from '../observability/metrics';
import { type Cache, type CacheEntry, decodeEntry, encodeEntry, markTtl, versionMarkOf } from './cache';

/** In-process LRU cache: the embedded default, same semantics as RedisCache. */
export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly lru: LRUCache<string, string>;
  private readonly hits = cacheRequests().labels('memory', 'hit');
  private readonly misses = cacheRequests().labels('memory', 'miss');

  constructor(maxEntries = 50_000) {
    this.lru = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  }

  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    const entry = decodeEntry<T>(this.lru.get(key));
    (entry ? this.hits : this.misses).inc();
    return entry;
  }

  async add<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    const mark = Number(this.lru.get(versionMarkOf(key)) ?? 0);
    if (mark > entry.version) return;
    if (!this.lru.has(key)) this.lru.set(key, encodeEntry(entry), { ttl: ttlSeconds * 1000 });
  }

  async setIfNewer<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void> {
    const current = decodeEntry(this.lru.get(key));
    if (current && current.version >= entry.version) return;
    const mark = versionMarkOf(key);
    if (Number(this.lru.get(mark) ?? 0) < entry.version) this.lru.set(mark, String(entry.version), { ttl: markTtl(ttlSeconds) * 1000 });
    this.lru.set(key, encodeEntry(entry), { ttl: ttlSeconds * 1000 });
  }

  async del(...keys: string[]): Promise<void> {
    for (const k of keys) this.lru.delete(k);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const next = Number(this.lru.get(key) ?? 0) + 1;
    this.lru.set(key, String(next), { ttl: ttlSeconds * 1000 });
    return next;
  }

  async counter(key: string): Promise<number> {
    return Number(this.lru.get(key) ?? 0);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
