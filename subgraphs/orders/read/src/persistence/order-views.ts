import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { ORDER_AGGREGATE, type OrderEvent } from '@crm/event-bus/contracts/orders';
import { projectOrder, type OrderView } from '../projections/order-view.projection';

/**
 * `order_views` as a read model of the projector engine: one document per order with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 * Estimates (`order_estimate` events) are the write side's business: not projected.
 */
export const orderViewsReadModel: ReadModel<OrderView> = {
  name: 'order_views',
  accepts: (e) => e.aggregateType === ORDER_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT tenant_id, id, version, doc FROM order_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as { tenant_id: string; id: string; version: number; doc: OrderView }[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: ORDER_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: r.doc },
      ]),
    );
  },
  project: (view, event) => projectOrder(view, event as OrderEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        state.id,
        state.version,
        state.number,
        state.contactId,
        state.state,
        state.supplyMethod,
        state.submittedAt,
        JSON.stringify(state),
      );
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}, $${i + 5}::uuid, $${i + 6}, $${i + 7}, $${i + 8}::timestamptz, $${i + 9}::jsonb)`;
    });
    await q.query(
      `INSERT INTO order_views (tenant_id, id, version, number, contact_id, state, supply_method, submitted_at, doc) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, doc = EXCLUDED.doc
       WHERE order_views.version < EXCLUDED.version`,
      params,
    );
  },
};

export interface OrderFilter {
  contactId: string | null;
  state: string | null;
  supplyMethod: string | null;
  ascending: boolean;
}

/** Order views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class OrderViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<OrderView | null> {
    const rows = (await this.q.query(`SELECT doc FROM order_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as { doc: OrderView }[];
    return rows[0]?.doc ?? null;
  }

  async list(f: OrderFilter, limit: number, offset: number): Promise<{ items: OrderView[]; total: number }> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [this.tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(`${sql} $${params.length}`);
    };
    if (f.contactId) add('contact_id =', f.contactId);
    if (f.state) add('state =', f.state);
    if (f.supplyMethod) add('supply_method =', f.supplyMethod);
    params.push(limit, offset);
    const rows = (await this.q.query(
      `SELECT doc, count(*) OVER () AS total FROM order_views WHERE ${where.join(' AND ')}
       ORDER BY submitted_at ${f.ascending ? 'ASC' : 'DESC'}, number ${f.ascending ? 'ASC' : 'DESC'} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as { doc: OrderView; total: string }[];
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && offset > 0) {
      const [c] = (await this.q.query(`SELECT count(*) AS n FROM order_views WHERE ${where.join(' AND ')}`, params.slice(0, -2))) as { n: string }[];
      total = Number(c?.n ?? 0);
    }
    return { items: rows.map((r) => r.doc), total };
  }

  async versionOf(id: string): Promise<number> {
    return (await this.get(id))?.version ?? 0;
  }
}
