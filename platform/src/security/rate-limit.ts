import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';

/** The rate-limiting port: fixed windows of `points` per `durationSeconds`, then a block. */
export interface RateLimiter {
  /** Spends `points` (default 1) for `key`; `allowed: false` once the window's budget is gone. */
  consume(key: string, points?: number): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Forgets the key (e.g. failed-login counter after a successful login). Store errors are reported, not thrown. */
  reset(key: string): Promise<void>;
  /** Current state without spending; throws AppError UNAVAILABLE when the store cannot answer. */
  peek(key: string): Promise<{ consumed: number; blockedForSeconds: number; resetInSeconds: number }>;
}

export interface RateLimiterOptions {
  /** Shared limiter state; without it the state lives in this process only. */
  redis?: Redis | undefined;
  /** Namespaces the keys of one limiter, e.g. `rl:login:ip`. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Once the budget is exceeded the key stays blocked this long (0 = until the window ends). */
  blockDurationSeconds: number;
  /**
   * What a store failure means: true refuses the request (login, OTP, password reset), false lets
   * it through (general quotas). reliability-security.md §1.7.
   */
  failClosed: boolean;
  /** A Redis call slower than this counts as a failure. Default 1000 ms. */
  storeTimeoutMs?: number;
  /** Told about every store failure (log it, count it). */
  onStoreError?: (err: unknown, operation: 'consume' | 'reset' | 'peek') => void;
}

/** Retry-After given while the store is down and the limiter fails closed. */
export const STORE_UNAVAILABLE_RETRY_SECONDS = 5;

const ceilSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rejectTimeout) => {
    timer = setTimeout(() => rejectTimeout(new Error(`rate-limiter store did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  // A late rejection of the store call after the timeout won must not become unhandled.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function assertPositiveInteger(name: string, value: number, allowZero = false): void {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
    throw new Error(`rate limiter ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
}

class FlexibleRateLimiter implements RateLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly options: RateLimiterOptions,
    private readonly timeoutMs: number | undefined,
  ) {}

  async consume(key: string, points = 1): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    assertPositiveInteger('points', points);
    try {
      await this.call(this.limiter.consume(key, points));
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: ceilSeconds(err.msBeforeNext) };
      this.options.onStoreError?.(err, 'consume');
      return this.options.failClosed
        ? { allowed: false, retryAfterSeconds: STORE_UNAVAILABLE_RETRY_SECONDS }
        : { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await this.call(this.limiter.delete(key));
    } catch (err) {
      this.options.onStoreError?.(err, 'reset');
    }
  }

  async peek(key: string): Promise<{ consumed: number; blockedForSeconds: number; resetInSeconds: number }> {
    let res: RateLimiterRes | null;
    try {
      res = await this.call(this.limiter.get(key));
    } catch (err) {
      this.options.onStoreError?.(err, 'peek');
      throw new AppError('UNAVAILABLE', 'The rate-limit store is unavailable', { reason: 'RATE_LIMIT_STORE_UNAVAILABLE', cause: err });
    }
    if (!res) return { consumed: 0, blockedForSeconds: 0, resetInSeconds: 0 };
    const blocked = res.consumedPoints > this.options.points && res.msBeforeNext > 0;
    return {
      consumed: res.consumedPoints,
      blockedForSeconds: blocked ? ceilSeconds(res.msBeforeNext) : 0,
      resetInSeconds: res.msBeforeNext > 0 ? ceilSeconds(res.msBeforeNext) : 0,
    };
  }

  private call<T>(promise: Promise<T>): Promise<T> {
    return this.timeoutMs === undefined ? promise : withTimeout(promise, this.timeoutMs);
  }
}

/**
 * A limiter backed by rate-limiter-flexible: RateLimiterRedis when `redis` is given (no insurance
 * limiter: a Redis failure is decided by `failClosed`, not silently counted per process), and
 * RateLimiterMemory otherwise. Give the Redis client `enableOfflineQueue: false` so an outage
 * fails fast; the limiter also refuses to queue while the client is not ready.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  assertPositiveInteger('points', options.points);
  assertPositiveInteger('durationSeconds', options.durationSeconds);
  assertPositiveInteger('blockDurationSeconds', options.blockDurationSeconds, true);
  if (!options.keyPrefix) throw new Error('rate limiter keyPrefix is required');
  const common = {
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockDurationSeconds,
  };
  if (!options.redis) return new FlexibleRateLimiter(new RateLimiterMemory(common), options, undefined);
  const limiter = new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: true });
  return new FlexibleRateLimiter(limiter, options, options.storeTimeoutMs ?? 1000);
}
