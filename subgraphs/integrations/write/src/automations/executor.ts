import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PlannedAction } from '../domain/run-plan';
import { webhookStore } from '../persistence/webhook-store';
import type { DeliveryStore } from '../persistence/delivery-store';
import type { ActionRun, RunStore } from '../persistence/run-store';
import type { AdapterPort } from './adapter-port';
import { isRetriable, type GatewayPort } from './gateway-port';
import { ClaimLoop } from '../claim-loop';

export interface ActionExecutorOptions {
  clock: () => Date;
  gateway: GatewayPort | null;
  adapters: AdapterPort;
  /** Wakes the webhook sender after a WEBHOOK action enqueued a delivery. */
  kickDeliveries: () => void;
  logger: Logger;
  pollMs: number;
  /** How long a claimed run is ours before another process may take it over. */
  leaseMs: number;
  /** Runs executed at once. */
  concurrency: number;
  /** Tries of a run whose callee was unavailable before it is FAILED. */
  maxAttempts: number;
}

/** The mutation an ACTIVITY action calls (engagement's), with an idempotency key per run. */
export const CREATE_ACTIVITY = `mutation AutomationCreateActivity($input: CreateActivityInput!, $key: String) {
  createActivity(input: $input, idempotencyKey: $key) { id errors { code reason field message } }
}`;

interface Outcome {
  state: 'SUCCEEDED' | 'FAILED' | 'PENDING';
  outcome: string;
  resultId: string | null;
  /** The entity the action created (loop protection remembers it). */
  created?: string | null;
}

/** Retry delay of an unavailable callee: 2 s, 4 s, 8 s … at most 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(600_000, 1000 * 2 ** Math.max(1, attempts));

/**
 * Runs the automations' actions, each once. A run is claimed with a lease; its effect and its
 * record are tied so that a crash at any point neither loses nor repeats it:
 * - WEBHOOK: the delivery row and the run's SUCCEEDED are one transaction (the delivery carries the
 *   event id as webhook-id, so the endpoint gets the event once);
 * - ACTIVITY: engagement's createActivity with the idempotency key `automation-run:<run id>` and
 *   the same input on every try (due date from the run's creation): a retry after a crash returns
 *   the first activity;
 * - ADAPTER: the run is marked RUNNING before the provider is called; a run found RUNNING after a
 *   crash is retried only if the provider dedupes our calls, else FAILED as "interrupted" (at most
 *   once rather than twice).
 */
export class ActionExecutor extends ClaimLoop {
  private readonly jobs = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunStore,
    private readonly deliveries: DeliveryStore,
    private readonly options: ActionExecutorOptions,
  ) {
    super(options.pollMs);
  }

  protected inFlight(): Iterable<Promise<void>> {
    return this.jobs;
  }

  /** Claims and runs what is due until nothing is (tests). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.tick();
      await Promise.all(this.jobs);
      if (claimed === 0 && this.jobs.size === 0) return;
    }
  }

  protected async claim(): Promise<number> {
    const free = this.options.concurrency - this.jobs.size;
    if (free <= 0) return 0;
    const now = this.options.clock();
    let claimed: ActionRun[];
    try {
      claimed = await this.runs.claimDue(now, new Date(now.getTime() + this.options.leaseMs), free);
    } catch (err) {
      this.options.logger.warn({ err }, 'automation runs could not be claimed; retrying');
      return 0;
    }
    for (const run of claimed) {
      const job = this.execute(run).finally(() => {
        this.jobs.delete(job);
        this.kick();
      });
      this.jobs.add(job);
    }
    return claimed.length;
  }

  private async execute(run: ActionRun): Promise<void> {
    try {
      const outcome = await this.outcomeOf(run);
      if (outcome === null) return;
      const at = this.options.clock();
      const next = outcome.state === 'PENDING' ? new Date(at.getTime() + retryDelayMs(run.attempts + 1)) : null;
      await this.dataSource.transaction(async (m) => {
        if (outcome.created) await this.runs.recordEffect(m, run.tenantId, outcome.created, run.automationId, run.depth);
        await this.runs.record(m, run.id, { state: outcome.state, outcome: outcome.outcome, resultId: outcome.resultId, at, nextAttemptAt: next });
      });
    } catch (err) {
      // the lease runs out and the run is claimed again (its effect is idempotent or recorded with it)
      this.options.logger.warn({ err, run: run.id }, 'automation action could not be run or recorded');
    }
  }

  /** What a run did; null when it recorded itself (a WEBHOOK action: effect and record in one transaction). */
  private async outcomeOf(run: ActionRun): Promise<Outcome | null> {
    const action = run.action;
    switch (action.type) {
      case 'WEBHOOK':
        return this.webhook(run, action);
      case 'ACTIVITY':
        return this.activity(run, action);
      case 'ADAPTER':
        return this.adapter(run, action);
    }
  }

  private retryOrFail(run: ActionRun, message: string): Outcome {
    return run.attempts + 1 >= this.options.maxAttempts
      ? { state: 'FAILED', outcome: `${message} (gave up after ${run.attempts + 1} tries)`, resultId: null }
      : { state: 'PENDING', outcome: message, resultId: null };
  }

  /** Enqueues the event for the endpoint and records the run in one transaction (nothing else to record after). */
  private async webhook(run: ActionRun, action: Extract<PlannedAction, { type: 'WEBHOOK' }>): Promise<null> {
    const finished = await this.dataSource.transaction(async (m) => {
      const endpoint = await webhookStore.findById(m, run.tenantId, action.webhookId);
      const at = this.options.clock();
      if (!endpoint || endpoint.deleted) {
        await this.runs.record(m, run.id, {
          state: 'FAILED',
          outcome: 'the webhook endpoint does not exist',
          resultId: null,
          at,
          nextAttemptAt: null,
        });
        return false;
      }
      const added = await this.deliveries.enqueue(m, run.tenantId, [endpoint.id], { id: run.eventId, type: run.eventType, payload: run.payload }, at);
      const outcome = added > 0 ? 'delivery enqueued' : 'the endpoint has this event already';
      await this.runs.record(m, run.id, { state: 'SUCCEEDED', outcome, resultId: endpoint.id, at, nextAttemptAt: null });
      return true;
    });
    if (finished) this.options.kickDeliveries();
    return null;
  }

  private async activity(run: ActionRun, action: Extract<PlannedAction, { type: 'ACTIVITY' }>): Promise<Outcome> {
    if (!this.options.gateway) return { state: 'FAILED', outcome: 'no gateway to call engagement with', resultId: null };
    if (!action.contactId) return { state: 'FAILED', outcome: 'the event names no contact for the activity', resultId: null };
    const dueAt = action.dueInDays === null ? null : new Date(run.createdAt.getTime() + action.dueInDays * 86_400_000).toISOString();
    const input = { name: action.name, description: action.description, contactId: action.contactId, dueAt };
    try {
      const data = await this.options.gateway.execute<{ createActivity: { id: string | null; errors: { code: string; message: string }[] } }>({
        tenantId: run.tenantId,
        permissions: ['engagement.write'],
        query: CREATE_ACTIVITY,
        variables: { input, key: `automation-run:${run.id}` },
      });
      const payload = data.createActivity;
      if (payload.errors.length > 0 || !payload.id) {
        return { state: 'FAILED', outcome: payload.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'no activity created', resultId: null };
      }
      return { state: 'SUCCEEDED', outcome: 'activity created', resultId: payload.id, created: payload.id };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!isRetriable(err)) return { state: 'FAILED', outcome: `engagement refused: ${message}`, resultId: null };
      return this.retryOrFail(run, `engagement unavailable: ${message}`);
    }
  }

  private async adapter(run: ActionRun, action: Extract<PlannedAction, { type: 'ADAPTER' }>): Promise<Outcome> {
    if (run.state === 'RUNNING' && !this.options.adapters.idempotent(action.adapter)) {
      return { state: 'FAILED', outcome: 'interrupted while calling the provider; not repeated (the provider cannot dedupe it)', resultId: null };
    }
    await this.runs.markRunning(run.id);
    const data = JSON.parse(run.payload) as { data: Record<string, unknown> };
    const result = await this.options.adapters.run(run.tenantId, action, { id: run.eventId, type: run.eventType, data: data.data });
    if (result.ok) return { state: 'SUCCEEDED', outcome: result.outcome, resultId: result.resultId ?? null };
    return result.retriable ? this.retryOrFail(run, result.outcome) : { state: 'FAILED', outcome: result.outcome, resultId: null };
  }
}
