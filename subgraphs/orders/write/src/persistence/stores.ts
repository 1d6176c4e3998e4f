import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { EstimateState } from '../domain/estimate';
import type { OrderState } from '../domain/order';

const ESTIMATE_DATES = ['expiresAt', 'createdAt'] as const;
const ORDER_DATES = ['submittedAt', 'startedAt', 'completedAt', 'cancelledAt', 'updatedAt'] as const;

function revive<S>(doc: Record<string, unknown>, dates: readonly string[]): S {
  const out: Record<string, unknown> = { ...doc };
  for (const k of dates) out[k] = doc[k] == null ? null : new Date(doc[k] as string);
  return out as S;
}

async function loadDoc<S>(q: Queryable, table: string, tenantId: string, ref: string, dates: readonly string[]): Promise<S | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT state FROM ${table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as { state: Record<string, unknown> }[];
  return rows[0] ? revive<S>(rows[0].state, dates) : null;
}

const loadEstimate = (q: Queryable, tenantId: string, ref: string) => loadDoc<EstimateState>(q, 'order_estimates', tenantId, ref, ESTIMATE_DATES);

/** Order estimates: tenant-scoped reads; writes the command handler runs with the outbox append. */
export const estimateStore: AggregateStore<EstimateState> = {
  load: loadEstimate,
  findById: loadEstimate,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO order_estimates (id, tenant_id, version, contact_id, state, expires_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.contactId, JSON.stringify(s), s.expiresAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE order_estimates SET version = $3, state = $4::jsonb WHERE tenant_id = $1 AND id = $2 AND version = $5 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(s), expectedVersion],
  }),
};

const loadOrder = (q: Queryable, tenantId: string, ref: string) => loadDoc<OrderState>(q, 'orders', tenantId, ref, ORDER_DATES);

/** Orders: one per estimate and one number per tenant (unique). */
export const orderStore: AggregateStore<OrderState> = {
  load: loadOrder,
  findById: loadOrder,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO orders (id, tenant_id, version, number, estimate_id, contact_id, state) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.number, s.estimateId, s.contactId, JSON.stringify(s)],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE orders SET version = $3, state = $4::jsonb WHERE tenant_id = $1 AND id = $2 AND version = $5 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(s), expectedVersion],
  }),
};

/** The tenant's next order number (1, 2, …), taken in the caller's transaction: a rolled-back order gives its number back. */
export async function nextOrderNumber(q: Queryable, tenantId: string): Promise<bigint> {
  const rows = (await q.query(
    `INSERT INTO order_numbers (tenant_id, last) VALUES ($1, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET last = order_numbers.last + 1 RETURNING last`,
    [tenantId],
  )) as { last: string | number }[];
  return BigInt(rows[0]!.last);
}
