import type { DataSource, EntityManager } from 'typeorm';
import { newId } from '@crm/platform/ids';
import type { EventOrigin, PlannedAction } from '../domain/run-plan';

type Q = Pick<EntityManager, 'query'>;

export type RunState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One action run, as the executor sees it. */
export interface ActionRun {
  id: string;
  tenantId: string;
  automationId: string;
  eventId: string;
  eventType: string;
  action: PlannedAction;
  /** The webhook body of the triggering event (`{type, timestamp, data}`). */
  payload: string;
  depth: number;
  state: RunState;
  attempts: number;
  outcome: string | null;
  resultId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string;
  tenant_id: string;
  automation_id: string;
  event_id: string;
  event_type: string;
  action: PlannedAction;
  payload: string;
  depth: number;
  state: RunState;
  attempts: number;
  outcome: string | null;
  result_id: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const COLUMNS =
  'id, tenant_id, automation_id, event_id, event_type, action, payload, depth, state, attempts, outcome, result_id, created_at, finished_at';

const toRun = (r: Row): ActionRun => ({
  id: r.id,
  tenantId: r.tenant_id,
  automationId: r.automation_id,
  eventId: r.event_id,
  eventType: r.event_type,
  action: r.action,
  payload: r.payload,
  depth: Number(r.depth),
  state: r.state,
  attempts: Number(r.attempts),
  outcome: r.outcome,
  resultId: r.result_id,
  createdAt: new Date(r.created_at),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
});

/** The rows of a statement: TypeORM answers an UPDATE with `[rows, affected]`, anything else with the rows. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** The action runs: what the trigger decided to run, their leases, outcomes and the record of them. */
export class RunStore {
  constructor(private readonly dataSource: DataSource) {}

  /** One PENDING row per (automation, event, action); a redelivered event adds nothing. Returns how many were new. */
  async enqueue(
    q: Q,
    tenantId: string,
    event: { id: string; type: string; payload: string },
    runs: readonly { automationId: string; depth: number; actions: readonly PlannedAction[] }[],
    now: Date,
  ): Promise<number> {
    const rows = runs.flatMap((r) => r.actions.map((a) => ({ automationId: r.automationId, depth: r.depth, action: a })));
    if (rows.length === 0) return 0;
    const inserted = rowsOf(
      await q.query(
        `INSERT INTO automation_action_runs (id, tenant_id, automation_id, event_id, event_type, action_index, action, payload, depth, state, next_attempt_at, created_at)
         SELECT r.id, $1, r.automation_id, $2, $3, r.action_index, r.action, $4, r.depth, 'PENDING', $5, $5
         FROM unnest($6::uuid[], $7::uuid[], $8::int[], $9::jsonb[], $10::int[]) AS r (id, automation_id, action_index, action, depth)
         ON CONFLICT (automation_id, event_id, action_index) DO NOTHING RETURNING 1`,
        [
          tenantId,
          event.id,
          event.type,
          event.payload,
          now,
          rows.map(() => newId()),
          rows.map((r) => r.automationId),
          rows.map((r) => r.action.index),
          rows.map((r) => JSON.stringify(r.action)),
          rows.map((r) => r.depth),
        ],
      ),
    );
    return inserted.length;
  }

  /**
   * Claims due runs (leased: another replica, or this one after a crash, takes them over when the
   * lease ends). A run comes back RUNNING when a process stopped while calling out for it. An action is claimed only when the earlier actions of its automation for the same
   * event are finished: the actions of one run go in order.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ActionRun[]> {
    const rows = rowsOf<Row>(
      await this.dataSource.query(
        `WITH candidates AS (
           SELECT r.id FROM automation_action_runs r
           WHERE r.state IN ('PENDING', 'RUNNING') AND r.next_attempt_at <= $1 AND (r.lease_until IS NULL OR r.lease_until <= $1)
             AND NOT EXISTS (SELECT 1 FROM automation_action_runs p WHERE p.automation_id = r.automation_id AND p.event_id = r.event_id
                             AND p.action_index < r.action_index AND p.state IN ('PENDING', 'RUNNING'))
           ORDER BY r.next_attempt_at, r.created_at, r.action_index LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE automation_action_runs w SET lease_until = $2 FROM candidates c WHERE w.id = c.id
         RETURNING ${COLUMNS.split(', ')
           .map((c) => `w.${c}`)
           .join(', ')}`,
        [now, leaseUntil, limit],
      ),
    );
    return rows.map(toRun);
  }

  /** Marks a claimed run as calling out (a run found RUNNING after a crash may have had its effect). */
  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE automation_action_runs SET state = 'RUNNING' WHERE id = $1`, [id]);
  }

  /** Finishes a run (or schedules its retry) and releases the lease. */
  async record(
    q: Q,
    id: string,
    outcome: { state: RunState; outcome: string | null; resultId: string | null; at: Date; nextAttemptAt: Date | null },
  ): Promise<void> {
    await q.query(
      `UPDATE automation_action_runs SET state = $2, attempts = attempts + 1, outcome = $3, result_id = COALESCE($4::text, result_id),
         next_attempt_at = COALESCE($5::timestamptz, next_attempt_at), lease_until = NULL, finished_at = CASE WHEN $2 IN ('SUCCEEDED', 'FAILED') THEN $6::timestamptz ELSE NULL END
       WHERE id = $1`,
      [
        id,
        outcome.state === 'RUNNING' ? 'PENDING' : outcome.state,
        outcome.outcome?.slice(0, 500) ?? null,
        outcome.resultId,
        outcome.nextAttemptAt,
        outcome.at,
      ],
    );
  }

  /** The runs of one automation of one tenant, newest first. */
  async page(tenantId: string, automationId: string, offset: number, size: number): Promise<{ total: number; content: ActionRun[] }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM automation_action_runs WHERE tenant_id = $1 AND automation_id = $2
         ORDER BY created_at DESC, event_id, action_index OFFSET $3 LIMIT $4`,
        [tenantId, automationId, offset, size],
      ) as Promise<Row[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM automation_action_runs WHERE tenant_id = $1 AND automation_id = $2`, [
        tenantId,
        automationId,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { total: Number(count[0]?.n ?? 0), content: rows.map(toRun) };
  }

  /** Where an entity came from: the automations whose actions created it (loop protection). */
  async originOf(q: Q, tenantId: string, aggregateId: string): Promise<EventOrigin> {
    const rows = (await q.query(`SELECT automation_id, depth FROM automation_effects WHERE tenant_id = $1 AND aggregate_id = $2`, [
      tenantId,
      aggregateId,
    ])) as { automation_id: string; depth: number }[];
    return { automationIds: rows.map((r) => r.automation_id), depth: rows.reduce((d, r) => Math.max(d, Number(r.depth)), 0) };
  }

  /** Remembers that an automation's action (at a chain depth) created an entity. */
  async recordEffect(q: Q, tenantId: string, aggregateId: string, automationId: string, depth: number): Promise<void> {
    await q.query(
      `INSERT INTO automation_effects (tenant_id, aggregate_id, automation_id, depth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, aggregate_id, automation_id) DO UPDATE SET depth = GREATEST(automation_effects.depth, EXCLUDED.depth)`,
      [tenantId, aggregateId, automationId, depth],
    );
  }
}
