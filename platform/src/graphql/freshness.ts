import type { Logger } from 'pino';
import type { ReadinessCheck } from '../http/service';
import type { ConsistencyToken, SubgraphContext } from './context';

/** How stale a read side may be, as reported on every read (`extensions.freshness`, `x-projection-lag-ms`). */
export interface Freshness {
  /**
   * Age (ms) of the oldest event the read side knows exist but has not applied; 0 only when none
   * is pending, never 0 while one is (at least 1).
   */
  lagMs: number;
  /** Events the read side knows exist (on the bus) but has not applied yet. */
  pendingEvents: number;
}

/** A read side's projection progress, per partition of its subscription. */
export interface ProjectionProgress {
  /**
   * Per partition: events pending, and when the oldest of them was written (epoch ms; null when
   * not known yet). Null when no projector runs in this process.
   */
  lag(): { lag: number; oldestPendingAt: number | null }[] | null;
}

/**
 * The freshness of a read side from its projector's progress: the pending events, and the age of
 * the oldest one. When that event's time is not known yet (a partition not fetched since a
 * restart), the age counts at least from the moment the backlog was first seen, so a read side
 * that is behind never reports a lag of 0.
 */
export function freshnessOf(progress: ProjectionProgress, now: () => number = Date.now): () => Freshness {
  let behindSince: number | null = null;
  return () => {
    const parts = progress.lag() ?? [];
    const pendingEvents = parts.reduce((n, p) => n + p.lag, 0);
    if (pendingEvents === 0) {
      behindSince = null;
      return { lagMs: 0, pendingEvents: 0 };
    }
    const t = now();
    behindSince ??= t;
    const oldest = Math.min(behindSince, ...parts.filter((p) => p.lag > 0 && p.oldestPendingAt !== null).map((p) => p.oldestPendingAt!));
    return { lagMs: Math.max(1, t - oldest), pendingEvents };
  };
}

/**
 * Read-your-writes for a read subgraph: before a query runs, waits until every consistency token
 * of the request this read side owns is projected (`awaitTokens` filters by aggregate type), then
 * records the freshness in the response extensions (the subgraph server turns the lag into the
 * `x-projection-lag-ms` header; the gateway merges both). `consistent` says whether the answer
 * reflects what the caller may expect of it: with tokens, that every token was reached; without,
 * that the read side has applied every event it knows of.
 */
export class ReadConsistency {
  constructor(
    private readonly freshness: () => Freshness,
    private readonly awaitTokens: (tenantId: string, tokens: ConsistencyToken[]) => Promise<boolean>,
  ) {}

  async before(ctx: SubgraphContext): Promise<boolean> {
    const withTokens = ctx.consistency.length > 0;
    const reached = !withTokens || (await this.awaitTokens(ctx.principal.tenantId, ctx.consistency));
    const f = this.freshness();
    ctx.extensions['freshness'] = { ...f, consistent: withTokens ? reached : f.pendingEvents === 0 };
    return reached;
  }
}

/** What the readiness gate needs of a projector's bus subscription. */
export interface CatchUpSource {
  isRunning(): boolean;
  caughtUpWithStart(): boolean;
}

/**
 * Readiness of a read side: `projector` (the subscription is fetching) and `caught-up` (it has
 * applied what the write side had published when it started, or `timeoutMs` has passed since this
 * was called: then it turns ready and keeps reporting its true lag on every read). `timeoutMs` 0
 * does not wait.
 */
export function projectionReadiness(
  subscription: CatchUpSource,
  timeoutMs: number,
  logger: Pick<Logger, 'info' | 'warn'>,
  freshness: () => Freshness,
  now: () => number = Date.now,
): ReadinessCheck[] {
  const started = now();
  let state: 'waiting' | 'caught-up' | 'timed-out' = 'waiting';
  return [
    { name: 'projector', check: () => subscription.isRunning() },
    {
      name: 'caught-up',
      check: () => {
        if (state !== 'waiting') return true;
        if (subscription.caughtUpWithStart()) {
          state = 'caught-up';
          logger.info({ afterMs: now() - started }, 'read model caught up with the position at start: ready');
          return true;
        }
        if (now() - started >= timeoutMs) {
          state = 'timed-out';
          logger.warn(
            { timeoutMs, ...freshness() },
            'read model still catching up after READY_CATCH_UP_TIMEOUT_MS: ready anyway, reads report the lag',
          );
          return true;
        }
        return false;
      },
    },
  ];
}
