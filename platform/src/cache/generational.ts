import type { Cache } from './cache';
import { ReadThrough } from './read-through';

/** Where a tenant's generational entries live: its generation counter, and an entry under a generation. */
export interface GenerationKeys {
  generation(tenantId: string): string;
  entry(tenantId: string, generation: number, id: string): string;
}

/**
 * Cached reads a projector invalidates per tenant all at once (lists, per-tenant reference data):
 * entries are keyed by the tenant's generation, and `invalidate` (after the projector's commit)
 * bumps it, so every older entry is never read again and expires. Read-through with single-flight;
 * with the cache down, reads go to the loader.
 */
export class GenerationalCache {
  private readonly readThrough: ReadThrough;

  constructor(
    private readonly cache: Cache,
    private readonly keys: GenerationKeys,
    ttlSeconds: number,
  ) {
    this.readThrough = new ReadThrough(cache, ttlSeconds);
  }

  /** Database loads made to fill misses. */
  get loads(): number {
    return this.readThrough.loads;
  }

  async get<T>(tenantId: string, id: string, load: () => Promise<T>): Promise<T> {
    const generation = await this.cache.counter(this.keys.generation(tenantId));
    if (generation === undefined) return load();
    const entry = await this.readThrough.get<T>(this.keys.entry(tenantId, generation, id), async () => ({
      version: generation,
      value: await load(),
    }));
    return entry!.value;
  }

  /** After a commit that changed these tenants' data. */
  invalidate(tenantIds: Iterable<string>): Promise<void> {
    return invalidateGenerations(this.cache, this.keys, tenantIds);
  }
}

/** What a projector calls after its commit: every generational entry of these tenants is stale. */
export async function invalidateGenerations(cache: Cache, keys: GenerationKeys, tenantIds: Iterable<string>): Promise<void> {
  for (const tenantId of new Set(tenantIds)) await cache.incr(keys.generation(tenantId), 86_400);
}
