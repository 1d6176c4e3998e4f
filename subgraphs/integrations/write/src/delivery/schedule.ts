/**
 * The retry schedule of a delivery (pure). Attempt 1 is sent as soon as the event arrives; after
 * a failure the next attempt waits the step for the attempts made so far, shortened by up to 20 %
 * of jitter (so retries of many deliveries that failed together spread out, and the first retry
 * stays within 5 s): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — ten attempts over
 * about three days (75.6 h before jitter). Then the delivery is FAILED.
 */
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
export const RETRY_STEPS_MS = [5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H] as const;
export const MAX_ATTEMPTS = RETRY_STEPS_MS.length + 1;
/** A receiver's Retry-After is honoured up to this long. */
export const MAX_RETRY_AFTER_MS = 24 * H;
const JITTER = 0.2;

/** Milliseconds before the next attempt, after `attemptsMade` failed attempts; null when the schedule is spent. */
export function retryDelayMs(attemptsMade: number, random: () => number = Math.random): number | null {
  const step = RETRY_STEPS_MS[attemptsMade - 1];
  if (step === undefined) return null;
  return Math.round(step * (1 - JITTER * random()));
}

/** A Retry-After header (delay-seconds or an HTTP date) as milliseconds from `now`, capped; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  const ms = /^\d{1,10}$/.test(value) ? Number(value) * S : Date.parse(value) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

export type AttemptOutcome =
  | { state: 'SUCCEEDED' }
  /** 410 Gone: the receiver asks not to be called again; the endpoint is disabled. */
  | { state: 'FAILED'; disable: 'GONE' }
  /** The schedule is spent: the endpoint has been failing for about three days and is disabled. */
  | { state: 'FAILED'; disable: 'FAILING' }
  | { state: 'PENDING'; delayMs: number };

/**
 * What an attempt's answer means (pure): 2xx succeeded; 410 disables at once; anything else
 * (3xx included: redirects are never followed, 4xx, 5xx, a timeout or a refused connection) is
 * retried on the schedule, waiting at least as long as the receiver's Retry-After.
 */
export function outcomeOf(
  status: number | null,
  attemptsMade: number,
  retryAfter: number | null,
  random: () => number = Math.random,
): AttemptOutcome {
  if (status !== null && status >= 200 && status < 300) return { state: 'SUCCEEDED' };
  if (status === 410) return { state: 'FAILED', disable: 'GONE' };
  const delay = retryDelayMs(attemptsMade, random);
  if (delay === null) return { state: 'FAILED', disable: 'FAILING' };
  return { state: 'PENDING', delayMs: Math.max(delay, retryAfter ?? 0) };
}
