import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError } from '@crm/platform/errors';
import { newId } from '@crm/platform/ids';
import type { EventRegistry } from '@crm/event-bus';
import { type AggregateDefinition, CommandHandler, type RequestContext } from '@crm/event-bus/kit';
import { BILLING_RUN_AGGREGATE } from '@crm/event-bus/contracts/billing';
import { type BillingRunChange, type BillingRunState, completeRun, evolveBillingRun } from '../domain/billing-run';
import { dayOf } from '../domain/periods';
import { billingRunStore } from '../persistence/billing-run-store';
import { pricedSubscriptions, timelinesOf } from '../persistence/followers';
import { type Invoicing, systemContext } from './invoicing';
import { PostingRefused } from './ledger-documents';

export const billingRunAggregate: AggregateDefinition<BillingRunState, BillingRunChange> = {
  type: BILLING_RUN_AGGREGATE,
  evolve: evolveBillingRun,
  store: billingRunStore,
  versionConflict: () => new AppError('CONFLICT', 'the billing run was changed by another process; retry', { reason: 'VERSION_CONFLICT' }),
};

export interface BillingRunOptions {
  /** How long a worker's claim on a run lasts without progress (then another process resumes it). */
  leaseMs: number;
  /** Subscriptions billed per progress step. */
  pageSize: number;
  /** How often the worker looks for runs to resume, postings to retry and (daily) runs to schedule; 0 = only when kicked. */
  pollMs: number;
  /** Start one run per tenant and day by itself. */
  scheduleDaily: boolean;
}

interface Claimed {
  tenant_id: string;
  id: string;
  billing_date: string;
  contact_ids: string[] | null;
  cursor: string | null;
  documents: number;
  failures: { subscriptionId: string; reason: string }[];
}

/**
 * Billing runs. A run is a row with a cursor and a lease: the process that holds the lease bills
 * the next page of subscriptions (each period once, see Invoicing) and moves the cursor and the
 * counts forward; a process killed mid-page leaves an expiring lease and a cursor behind what it
 * billed, and whoever resumes re-bills that page, which finds the documents and issues nothing
 * twice. Two runs racing over the same subscriptions are safe for the same reason.
 */
export class BillingRuns {
  private readonly handler: CommandHandler<BillingRunState, BillingRunChange>;
  private readonly owner = `billing-${newId()}`;
  private timer: NodeJS.Timeout | null = null;
  private working: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    registry: EventRegistry,
    kick: () => void,
    private readonly invoicing: Invoicing,
    private readonly options: BillingRunOptions,
    private readonly logger: Logger,
  ) {
    this.handler = new CommandHandler(dataSource, registry, billingRunAggregate, kick);
  }

  async start(ctx: RequestContext, input: { billingDate: string | null; contactIds: string[] | null }, scheduled = false): Promise<BillingRunState> {
    const billingDate = input.billingDate ?? dayOf(new Date());
    const run = await this.handler.run(ctx, { create: true, id: null }, () => [
      { type: 'billing_run.requested', data: { billingDate, contactIds: input.contactIds, scheduled } },
    ]);
    const total = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM billing_subscriptions WHERE tenant_id = $1 ${input.contactIds ? 'AND contact_id = ANY($2::uuid[])' : ''}`,
      input.contactIds ? [ctx.tenantId, input.contactIds] : [ctx.tenantId],
    )) as { n: number }[];
    await this.dataSource.query(`UPDATE billing_runs SET total = $3 WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenantId,
      run.state.id,
      total[0]?.n ?? 0,
    ]);
    this.kickWorker();
    return { ...run.state, total: Number(total[0]?.n ?? 0) };
  }

  get(tenantId: string, id: string): Promise<BillingRunState | null> {
    return billingRunStore.load(this.dataSource, tenantId, id);
  }

  /** Starts the background worker (resumes runs whose lease expired, retries postings, schedules daily runs). */
  run(): { stop(): Promise<void> } {
    if (this.options.pollMs > 0) {
      this.timer = setInterval(() => this.kickWorker(), this.options.pollMs);
      this.timer.unref();
    }
    this.kickWorker();
    return {
      stop: async () => {
        this.stopped = true;
        if (this.timer) clearInterval(this.timer);
        await this.working;
      },
    };
  }

  /** Works until no run is left to claim (another kick while working runs it again). */
  kickWorker(): void {
    if (this.stopped) return;
    if (this.working) {
      this.again = true;
      return;
    }
    this.working = (async () => {
      do {
        this.again = false;
        try {
          if (this.options.scheduleDaily) await this.schedule();
          while (!this.stopped && (await this.workOne()));
          await this.invoicing.postPending();
        } catch (err) {
          this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'billing runs: worker step failed (retried)');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.working = null;
    });
  }

  /** One run per tenant (that has subscriptions) and day, when none was scheduled for today. */
  private async schedule(): Promise<void> {
    const today = dayOf(new Date());
    const tenants = (await this.dataSource.query(
      `SELECT DISTINCT s.tenant_id FROM billing_subscriptions s
       WHERE NOT EXISTS (SELECT 1 FROM billing_runs r WHERE r.tenant_id = s.tenant_id AND r.billing_date = $1::date AND r.scheduled)`,
      [today],
    )) as { tenant_id: string }[];
    for (const t of tenants) {
      try {
        await this.start(systemContext(t.tenant_id, 'billing-schedule'), { billingDate: today, contactIds: null }, true);
      } catch (err) {
        // another replica scheduled it first (the unique index) — fine
        this.logger.debug({ tenantId: t.tenant_id, err: err instanceof Error ? err.message : String(err) }, 'billing runs: daily run not scheduled');
      }
    }
  }

  /** Claims one RUNNING run whose lease is free or expired and bills one page of it; false when there is none. */
  private async workOne(): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE billing_runs SET lease_owner = $1, lease_until = now() + ($2 || ' milliseconds')::interval
       WHERE (tenant_id, id) = (SELECT tenant_id, id FROM billing_runs WHERE state = 'RUNNING' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $1)
                                ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING tenant_id, id, to_char(billing_date, 'YYYY-MM-DD') AS billing_date, contact_ids, cursor, documents, failures`,
      [this.owner, String(this.options.leaseMs)],
    )) as [Claimed[], number] | Claimed[];
    const claimed = (Array.isArray(rows[0]) ? rows[0] : rows) as Claimed[];
    const run = claimed[0];
    if (!run) return false;
    const ctx = systemContext(run.tenant_id, `billing-run-${run.id}`);
    const docs = await timelinesOf(this.dataSource, run.tenant_id, { contactIds: run.contact_ids, after: run.cursor, limit: this.options.pageSize });
    if (docs.length === 0) {
      const total = (await this.dataSource.query(`SELECT done FROM billing_runs WHERE tenant_id = $1 AND id = $2`, [run.tenant_id, run.id])) as {
        done: number;
      }[];
      await this.handler.run(ctx, { create: false, ref: run.id }, (s) =>
        completeRun(s, { total: Number(total[0]?.done ?? 0), documents: Number(run.documents), failures: run.failures }),
      );
      return true;
    }
    let documents = 0;
    const failures: Claimed['failures'] = [];
    for (const sub of await pricedSubscriptions(this.dataSource, run.tenant_id, docs)) {
      try {
        documents += (await this.invoicing.billSubscription(ctx, sub, run.billing_date, run.id)).length;
      } catch (err) {
        const reason = err instanceof PostingRefused || err instanceof AppError ? err.message : 'billing failed';
        if (!(err instanceof AppError)) this.logger.error({ runId: run.id, subscriptionId: sub.sub.id, err }, 'billing run: subscription failed');
        failures.push({ subscriptionId: sub.sub.id, reason: reason.slice(0, 500) });
      }
    }
    // progress moves only while this process still holds the lease (a resumed run re-bills the page: nothing twice)
    await this.dataSource.query(
      `UPDATE billing_runs SET cursor = $3, done = done + $4, documents = documents + $5, failures = failures || $6::jsonb, updated_at = now(),
         lease_until = now() + ($8 || ' milliseconds')::interval
       WHERE tenant_id = $1 AND id = $2 AND lease_owner = $7 AND state = 'RUNNING'`,
      [run.tenant_id, run.id, docs[docs.length - 1]!.id, docs.length, documents, JSON.stringify(failures), this.owner, String(this.options.leaseMs)],
    );
    return true;
  }
}
