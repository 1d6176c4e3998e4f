import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@crm/event-bus';

type Q = Pick<EntityManager, 'query'>;

/** One business event as the viewer shows it. */
export interface LoggedEvent {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface EventFilter {
  type: string | null;
  aggregateId: string | null;
  from: Date | null;
  to: Date | null;
}

interface Row {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  occurred_at: Date | string;
  data: Record<string, unknown>;
}

/** The tenant's business events as seen on the stream (idempotent by event id). */
export async function logEvent(q: Q, event: EventEnvelope): Promise<void> {
  await q.query(
    `INSERT INTO business_events (id, tenant_id, type, aggregate_type, aggregate_id, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [event.id, event.tenantId, event.type, event.aggregateType, event.aggregateId, event.occurredAt, JSON.stringify(event.data ?? {})],
  );
}

/** A page of a tenant's business events, newest first, filtered by type, aggregate and time range ([from, to)). */
export async function eventPage(
  q: Q,
  tenantId: string,
  filter: EventFilter,
  offset: number,
  size: number,
): Promise<{ total: number; content: LoggedEvent[] }> {
  const where = [
    'tenant_id = $1',
    '($2::text IS NULL OR type = $2)',
    '($3::text IS NULL OR aggregate_id = $3)',
    '($4::timestamptz IS NULL OR occurred_at >= $4)',
    '($5::timestamptz IS NULL OR occurred_at < $5)',
  ].join(' AND ');
  const params = [tenantId, filter.type, filter.aggregateId, filter.from, filter.to];
  const [rows, count] = await Promise.all([
    q.query(
      `SELECT id, type, aggregate_type, aggregate_id, occurred_at, data FROM business_events WHERE ${where}
       ORDER BY occurred_at DESC, id DESC OFFSET $6 LIMIT $7`,
      [...params, offset, size],
    ) as Promise<Row[]>,
    q.query(`SELECT count(*)::int AS n FROM business_events WHERE ${where}`, params) as Promise<{ n: number }[]>,
  ]);
  return {
    total: Number(count[0]?.n ?? 0),
    content: rows.map((r) => ({
      id: r.id,
      type: r.type,
      aggregateType: r.aggregate_type,
      aggregateId: r.aggregate_id,
      occurredAt: new Date(r.occurred_at),
      data: r.data,
    })),
  };
}
