import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { OrderState } from '../domain/order';

interface Row {
  id: string;
  version: number;
  name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): OrderState => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Parameters<AggregateStore<OrderState>['load']>[0], tenantId: string, ref: string): Promise<OrderState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT id, version, name, created_at, updated_at FROM orders WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Where order aggregates live: tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const orderStore: AggregateStore<OrderState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO orders (id, tenant_id, version, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.name, s.createdAt, s.updatedAt],
  }),
  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE orders SET version = $3, name = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND version = $6 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.name, s.updatedAt, expectedVersion],
  }),
};
