import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { claimDueActions, releaseAction } from '../persistence/action-queue';
import type { SubscriptionCommands } from './subscription-commands';

export interface SchedulerOptions {
  pollMs: number;
  batch: number;
  /** How long a claim holds before another scheduler may take the action over (the claimer died). */
  leaseMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { pollMs: 500, batch: 50, leaseMs: 30_000 };

/**
 * Runs scheduled subscription actions when they come due. Durable: the queue is a table of the
 * domain's database, so actions scheduled while no scheduler runs are run at the next start.
 * Several schedulers (replicas, restarts) may run at once: claims skip locked rows, and each
 * action runs once because executing it is a command on its subscription (optimistic version,
 * and the decider does nothing for an action no longer SCHEDULED). None runs early: the claim
 * needs `due_at <= now()` by the database clock and the decider the same by the process's.
 */
export class ActionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: SubscriptionCommands,
    private readonly logger: Pick<Logger, 'error' | 'info'>,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {}

  start(): this {
    this.stopped = false;
    this.schedule(0);
    return this;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((n) => this.schedule(n >= this.options.batch ? 0 : this.options.pollMs))
        .catch((err: unknown) => {
          this.logger.error({ err }, 'subscription action scheduler tick failed');
          this.schedule(this.options.pollMs);
        });
    }, ms);
  }

  /** One pass: claims due actions and runs each; returns how many it claimed. */
  async tick(): Promise<number> {
    const claimed = await claimDueActions(this.dataSource, this.options.batch, this.options.leaseMs);
    for (const row of claimed) {
      if (this.stopped) break;
      const ctx = { tenantId: row.tenant_id, correlationId: `scheduler:${row.id}`, actor: { kind: 'system' as const, id: 'subscription-scheduler' } };
      try {
        const done = await this.commands.executeScheduled(ctx, row.subscription_id, row.id);
        if (!done) await releaseAction(this.dataSource, row.tenant_id, row.id);
      } catch (err) {
        // the lease runs out and the action is claimed again
        this.logger.error({ err, actionId: row.id }, 'scheduled subscription action failed; it will be retried');
      }
    }
    return claimed.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }
}
