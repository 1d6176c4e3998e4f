import type { Logger } from 'pino';
import type { EventBus, GroupPartitionProgress, PartitionLag } from './ports';

/**
 * The progress of a consumer group running in another process (a read API whose projector is a
 * separate Deployment), from the bus: the end of every partition vs the group's committed offset,
 * refreshed every `intervalMs`. Offers what freshness and the readiness gate ask of a subscription.
 * Committed offsets trail the applied ones by up to a second, so it may over-state the lag
 * briefly, never under-state it; the age of a pending event is not known here (null), freshness
 * counts it from when the backlog was first seen.
 */
export class GroupLagWatcher {
  private last: GroupPartitionProgress[] | null = null;
  private startEnds: Map<string, bigint> | null = null;
  private caughtUp = false;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;

  private constructor(
    private readonly bus: Pick<EventBus, 'groupProgress'>,
    private readonly groupId: string,
    private readonly topics: string[],
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Reads the group's progress once (the position at start), then keeps it current. */
  static async start(
    bus: Pick<EventBus, 'groupProgress'>,
    groupId: string,
    topics: string[],
    logger: Pick<Logger, 'warn'>,
    intervalMs = 1000,
  ): Promise<GroupLagWatcher> {
    const w = new GroupLagWatcher(bus, groupId, topics, logger);
    // unknown progress must not read as "caught up": without a first answer the service does not start
    for (let attempt = 1; !(await w.refresh()); attempt++) {
      if (attempt >= 10) throw new Error(`group lag: the bus did not answer about ${groupId}`);
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
    w.timer = setInterval(() => void w.refresh(), intervalMs);
    w.timer.unref();
    return w;
  }

  async refresh(): Promise<boolean> {
    try {
      this.last = await this.bus.groupProgress(this.groupId, this.topics);
      this.startEnds ??= new Map(this.last.map((p) => [`${p.topic}/${p.partition}`, p.end]));
      this.failures = 0;
      return true;
    } catch (err) {
      // keep the last known progress (never reset to "caught up"); say so once per outage
      if (this.failures++ === 0)
        this.logger.warn(
          { err: (err as Error).message, groupId: this.groupId },
          'group lag: the bus did not answer; reads report the last known lag',
        );
      return false;
    }
  }

  isRunning(): boolean {
    return this.last !== null;
  }

  lag(): PartitionLag[] {
    return (this.last ?? []).map((p) => ({
      topic: p.topic,
      partition: p.partition,
      lag: Number(p.end > p.committed ? p.end - p.committed : 0n),
      oldestPendingAt: null,
    }));
  }

  caughtUpWithStart(): boolean {
    this.caughtUp ||= this.last !== null && this.last.every((p) => p.committed >= (this.startEnds?.get(`${p.topic}/${p.partition}`) ?? 0n));
    return this.caughtUp;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
