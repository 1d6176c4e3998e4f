import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Cache } from '@crm/platform/cache';

/** Headers that identify a caller (and so whose writes a later read must see). */
const IDENTITY_HEADERS = ['api_key', 'authorization', 'x-dev-principal', 'x-dev-tenant'] as const;

export const RYW_KEY_PREFIX = 'rest-facade:v1:ryw:';
export const RYW_TTL_SECONDS = 60;
export const RYW_MAX_TOKENS = 20;

/** sha256 over the identity headers (NUL-separated so `a`+`bc` ≠ `ab`+`c`). Raw credentials never reach the cache. */
export function callerKeyOf(headers: Record<string, string | undefined>): string {
  const hash = createHash('sha256');
  for (const name of IDENTITY_HEADERS) hash.update(`${name}\u0000${headers[name] ?? ''}\u0000`);
  return hash.digest('hex');
}

/** `contact:<id>:<version>` → `contact:<id>`, so a newer token for the same aggregate replaces the older one. */
function aggregateOf(token: string): string {
  const last = token.lastIndexOf(':');
  return last > 0 ? token.slice(0, last) : token;
}

function versionOf(token: string): number {
  const v = Number(token.slice(token.lastIndexOf(':') + 1));
  return Number.isFinite(v) ? v : 0;
}

/** Adds `token` to `tokens`: one token per aggregate (the highest version), newest last, at most `max`. */
export function mergeTokens(tokens: readonly string[], token: string, max = RYW_MAX_TOKENS): string[] {
  const aggregate = aggregateOf(token);
  const previous = tokens.find((t) => aggregateOf(t) === aggregate);
  const keep = previous !== undefined && versionOf(previous) > versionOf(token) ? previous : token;
  const rest = tokens.filter((t) => aggregateOf(t) !== aggregate);
  return [...rest, keep].slice(-max);
}

/**
 * Read-your-writes for REST callers. After a write, the mutation's consistency token is kept
 * for 60 s under the caller's key; the caller's later reads send the kept tokens as
 * `x-consistency-token`, so the read side waits until it has projected those writes.
 *
 * Concurrency: updates of one key are serialised in this process (a promise chain per key), so
 * two parallel writes by one caller never lose a token here. The store is the Cache port, whose
 * `setIfNewer` refuses an older version; the version is strictly increasing per key (at least
 * Date.now()). Across gateway replicas two simultaneous writes may still race (last writer
 * wins); the loser's read then merely falls back to eventual consistency.
 */
export class ReadYourWrites {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  private key(callerKey: string): string {
    return `${RYW_KEY_PREFIX}${callerKey}`;
  }

  /** Tokens this caller's recent writes produced (empty when none or the cache is down). */
  async tokens(callerKey: string): Promise<string[]> {
    try {
      const entry = await this.cache.get<unknown>(this.key(callerKey));
      const value = entry?.value;
      return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
    } catch (err) {
      this.logger.warn({ err }, 'read-your-writes: cache read failed');
      return [];
    }
  }

  /** Remembers a write's token for this caller. Never throws: losing it only weakens a later read. */
  remember(callerKey: string, token: string | null | undefined): Promise<void> {
    if (!token) return Promise.resolve();
    const key = this.key(callerKey);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.store(key, token));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  private async store(key: string, token: string): Promise<void> {
    try {
      const entry = await this.cache.get<unknown>(key);
      const current = Array.isArray(entry?.value) ? entry.value.filter((t): t is string => typeof t === 'string') : [];
      const version = Math.max(this.now(), (entry?.version ?? 0) + 1);
      await this.cache.setIfNewer(key, { version, value: mergeTokens(current, token) }, RYW_TTL_SECONDS);
    } catch (err) {
      this.logger.warn({ err }, 'read-your-writes: cache write failed');
    }
  }
}
