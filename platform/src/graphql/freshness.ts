import type { ConsistencyToken, SubgraphContext } from './context';

/** How stale a read side may be, as reported on every read (`extensions.freshness`, `x-projection-lag-ms`). */
export interface Freshness {
  /** Age of the last applied event while events are still pending; 0 when caught up. */
  lagMs: number;
  /** Events on the bus not yet applied by this process's projector. */
  pendingEvents: number;
}

/** What a read side's projector reports for freshness. */
export interface ProjectionProgress {
  /** Pending events per partition (the bus subscription's lag), or null without a projector here. */
  lag(): { lag: number }[] | null;
  /** `occurredAt` (epoch ms) of the last applied event, or null before the first one. */
  lastEventOccurredAt(): number | null;
}

export function freshnessOf(progress: ProjectionProgress): Freshness {
  const behind = (progress.lag() ?? []).reduce((n, p) => n + p.lag, 0);
  const last = progress.lastEventOccurredAt();
  return { lagMs: behind === 0 || last === null ? 0 : Math.max(0, Date.now() - last), pendingEvents: behind };
}

/**
 * Read-your-writes for a read subgraph: before a query runs, waits until every consistency token
 * of the request this read side owns is projected (`awaitTokens` filters by aggregate type), then
 * records the freshness and whether the tokens were reached in the response extensions (the
 * subgraph server turns the lag into the `x-projection-lag-ms` header; the gateway merges both).
 */
export class ReadConsistency {
  constructor(
    private readonly freshness: () => Freshness,
    private readonly awaitTokens: (tenantId: string, tokens: ConsistencyToken[]) => Promise<boolean>,
  ) {}

  async before(ctx: SubgraphContext): Promise<boolean> {
    const reached = ctx.consistency.length === 0 || (await this.awaitTokens(ctx.principal.tenantId, ctx.consistency));
    ctx.extensions['freshness'] = { ...this.freshness(), consistent: reached };
    return reached;
  }
}
