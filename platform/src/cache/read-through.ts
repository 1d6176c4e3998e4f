import { type Cache, type CacheEntry, jitteredTtl } from './cache';

/**
 * Cache-aside reads with per-process single-flight: concurrent misses on one key share one load.
 * The loaded value is stored with `add` (never overwriting a fresher projector write).
 */
export class ReadThrough {
  private readonly inFlight = new Map<string, Promise<CacheEntry<unknown> | undefined>>();
  loads = 0;

  constructor(
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {}

  async get<T>(key: string, load: () => Promise<CacheEntry<T> | undefined>): Promise<CacheEntry<T> | undefined> {
    const hit = await this.cache.get<T>(key);
    if (hit) return hit;
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<CacheEntry<T> | undefined>;
    const promise = (async () => {
      this.loads++;
      const loaded = await load();
      if (loaded) await this.cache.add(key, loaded, jitteredTtl(this.ttlSeconds));
      return loaded;
    })();
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
