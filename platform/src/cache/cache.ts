/**
 * The cache port (DESIGN.md §5). Entries carry the version of the data they hold so a writer can
 * never overwrite a newer value with an older one (the set-after-delete race):
 * - readers fill a miss with `add` (only if absent),
 * - projectors write through with `setIfNewer` (only if the stored version is older).
 * Every method fails soft: a cache outage degrades to "miss", never to an error.
 */
export interface CacheEntry<T> {
  version: number;
  value: T;
}

export interface Cache {
  readonly kind: 'redis' | 'memory';
  get<T>(key: string): Promise<CacheEntry<T> | undefined>;
  /** Stores only if the key is absent and no newer version was written through lately (see versionMarkOf). */
  add<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void>;
  /** Stores only if the key is absent or holds an older version. */
  setIfNewer<T>(key: string, entry: CacheEntry<T>, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Atomically increments a counter (creates it at 1); returns the new value, or undefined when the cache is down. */
  incr(key: string, ttlSeconds: number): Promise<number | undefined>;
  /** Reads a counter; 0 when absent, undefined when the cache is down. */
  counter(key: string): Promise<number | undefined>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** TTL with ±15% jitter so entries written together do not expire together. */
export function jitteredTtl(ttlSeconds: number): number {
  const jitter = ttlSeconds * 0.15;
  return Math.max(1, Math.round(ttlSeconds - jitter + Math.random() * 2 * jitter));
}

/**
 * `setIfNewer` also records the version it wrote under this mark, which lives longer than the entry
 * (markTtl): once the entry expires or is evicted, `add` still refuses an older version, so a reader
 * that loaded a row before a newer projection cannot leave the old version cached.
 */
export const versionMarkOf = (key: string): string => `${key}#v`;
export const markTtl = (ttlSeconds: number): number => ttlSeconds * 4;

export function encodeEntry<T>(entry: CacheEntry<T>): string {
  return `${entry.version}|${JSON.stringify(entry.value)}`;
}

export function decodeEntry<T>(raw: string | null | undefined): CacheEntry<T> | undefined {
  if (!raw) return undefined;
  const bar = raw.indexOf('|');
  if (bar < 1) return undefined;
  const version = Number(raw.slice(0, bar));
  if (!Number.isFinite(version)) return undefined;
  try {
    return { version, value: JSON.parse(raw.slice(bar + 1)) as T };
  } catch {
    return undefined;
  }
}
