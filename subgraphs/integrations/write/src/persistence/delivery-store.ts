import type { DataSource, EntityManager } from 'typeorm';
import { newId } from '@crm/platform/ids';

type Q = Pick<EntityManager, 'query'>;

export type DeliveryState = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One delivery as the log shows it. */
export interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/** A claimed due delivery: what the worker sends. */
export interface DueDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  payload: string;
  attempts: number;
}

interface LogRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  state: DeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: Date | string | null;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));
const toDelivery = (r: LogRow): Delivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  state: r.state,
  attempts: Number(r.attempts),
  lastStatus: r.last_status === null ? null : Number(r.last_status),
  lastError: r.last_error,
  lastAttemptAt: date(r.last_attempt_at),
  nextAttemptAt: date(r.next_attempt_at),
  createdAt: new Date(r.created_at),
});

/** The rows of a statement: TypeORM answers an UPDATE or DELETE with `[rows, affected]`, anything else with the rows. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const LOG_COLUMNS = 'id, endpoint_id, event_id, event_type, state, attempts, last_status, last_error, last_attempt_at, next_attempt_at, created_at';

/** The durable delivery rows: the retry schedule and the delivery log. */
export class DeliveryStore {
  constructor(private readonly dataSource: DataSource) {}

  /** One PENDING row per (endpoint, event), due at `now`; a redelivered event adds nothing. Returns how many were new. */
  async enqueue(
    q: Q,
    tenantId: string,
    endpointIds: readonly string[],
    event: { id: string; type: string; payload: string },
    now: Date,
  ): Promise<number> {
    if (endpointIds.length === 0) return 0;
    const rows = rowsOf(
      await q.query(
        `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, payload, state, next_attempt_at, created_at)
       SELECT d.id, $1, d.endpoint_id, $2, $3, $4, 'PENDING', $5, $5 FROM unnest($6::uuid[], $7::uuid[]) AS d (id, endpoint_id)
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING 1`,
        [tenantId, event.id, event.type, event.payload, now, endpointIds.map(() => newId()), endpointIds],
      ),
    );
    return rows.length;
  }

  /**
   * Claims due deliveries: at most `perEndpoint` per endpoint, none of the endpoints in `busy`
   * (this process is sending to them), only of enabled endpoints. The conditional UPDATE is the
   * claim: a row whose lease another replica took meanwhile is not returned.
   */
  async claimDue(now: Date, leaseUntil: Date, busy: readonly string[], perEndpoint: number, limit: number): Promise<DueDelivery[]> {
    const rows = rowsOf<{
      id: string;
      tenant_id: string;
      endpoint_id: string;
      event_id: string;
      payload: string;
      attempts: number;
      next_attempt_at: Date | string;
      created_at: Date | string;
    }>(
      await this.dataSource.query(
        `WITH candidates AS (
         SELECT id FROM (
           SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.created_at, d.id) AS n
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
           WHERE d.state = 'PENDING' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
             AND e.enabled AND NOT e.deleted AND NOT (d.endpoint_id = ANY($3::uuid[]))
         ) ranked WHERE n <= $4 LIMIT $5)
       UPDATE webhook_deliveries w SET lease_until = $2 FROM candidates c
       WHERE w.id = c.id AND w.state = 'PENDING' AND (w.lease_until IS NULL OR w.lease_until <= $1)
       RETURNING w.id, w.tenant_id, w.endpoint_id, w.event_id, w.payload, w.attempts, w.next_attempt_at, w.created_at`,
        [now, leaseUntil, busy, perEndpoint, limit],
      ),
    );
    return rows
      .sort(
        (a, b) =>
          new Date(a.next_attempt_at).getTime() - new Date(b.next_attempt_at).getTime() ||
          new Date(a.created_at).getTime() - new Date(b.created_at).getTime(),
      )
      .map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        endpointId: r.endpoint_id,
        eventId: r.event_id,
        payload: r.payload,
        attempts: Number(r.attempts),
      }));
  }

  /** Records one attempt's outcome and releases the lease. */
  async recordAttempt(
    id: string,
    outcome: { state: DeliveryState; status: number | null; error: string | null; at: Date; nextAttemptAt: Date | null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET state = $2, attempts = attempts + 1, last_status = $3, last_error = $4, last_attempt_at = $5,
         next_attempt_at = $6, lease_until = NULL WHERE id = $1`,
      [id, outcome.state, outcome.status, outcome.error?.slice(0, 500) ?? null, outcome.at, outcome.nextAttemptAt],
    );
  }

  /** Releases the leases on an endpoint's pending deliveries (it was disabled: they wait, unclaimed, until it is enabled again). */
  async releaseEndpoint(endpointId: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET lease_until = NULL WHERE endpoint_id = $1 AND state = 'PENDING'`, [endpointId]);
  }

  /** The delivery log of one endpoint of one tenant, newest first. */
  async page(tenantId: string, endpointId: string, offset: number, size: number): Promise<{ total: number; content: Delivery[] }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${LOG_COLUMNS} FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2
         ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT $4`,
        [tenantId, endpointId, offset, size],
      ) as Promise<LogRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2`, [
        tenantId,
        endpointId,
      ]) as Promise<{ n: number }[]>,
    ]);
    return { total: Number(count[0]?.n ?? 0), content: rows.map(toDelivery) };
  }

  /**
   * Sends a delivery again, now, with its stored body (same `webhook-id`): back to PENDING with a
   * fresh schedule. False when the tenant's endpoint has no such delivery.
   */
  async replay(tenantId: string, endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = $4, lease_until = NULL
       WHERE tenant_id = $1 AND endpoint_id = $2 AND id = $3 RETURNING 1`,
        [tenantId, endpointId, deliveryId, now],
      ),
    );
    return rows.length === 1;
  }

  /** Replays every delivery of the endpoint created in [from, to) that is not pending already; returns how many. */
  async replayRange(tenantId: string, endpointId: string, from: Date, to: Date, now: Date): Promise<number> {
    const rows = rowsOf(
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET state = 'PENDING', attempts = 0, next_attempt_at = $5, lease_until = NULL
       WHERE tenant_id = $1 AND endpoint_id = $2 AND created_at >= $3 AND created_at < $4 AND state <> 'PENDING' RETURNING 1`,
        [tenantId, endpointId, from, to, now],
      ),
    );
    return rows.length;
  }
}
