import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE, type OrderEvent } from '@crm/event-bus/contracts/orders';
import { projectOrder, type OrderView } from '../projections/order-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: Row): OrderView => ({
  id: r.id,
  version: Number(r.version),
  name: r.name,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/**
 * `order_views` as a read model of the projector engine: one row per order with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 */
export const orderViewsReadModel: ReadModel<OrderView> = {
  name: 'order_views',
  accepts: (e) => e.aggregateType === ORDER_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT tenant_id, id, version, name, created_at, updated_at FROM order_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: ORDER_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectOrder(view, event as OrderEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(ref.tenantId, state.id, state.version, state.name, state.createdAt, state.updatedAt);
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}, $${i + 5}::timestamptz, $${i + 6}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO order_views (tenant_id, id, version, name, created_at, updated_at) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       WHERE order_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Order views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class OrderViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<OrderView | null> {
    const rows = (await this.q.query(
      `SELECT tenant_id, id, version, name, created_at, updated_at FROM order_views WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id],
    )) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
