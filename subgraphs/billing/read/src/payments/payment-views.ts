import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { PAYMENT_AGGREGATE, PAYOUT_AGGREGATE, type PaymentEvent, type PayoutEvent } from '@crm/event-bus/contracts/billing';
import { projectPayment, type PaymentView } from './payment-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  kind: PaymentView['kind'];
  version: number;
  data: Omit<PaymentView, 'createdAt' | 'updatedAt'> | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toView = (r: Row): PaymentView => {
  const data = typeof r.data === 'string' ? (JSON.parse(r.data) as PaymentView) : r.data;
  return { ...data, id: r.id, kind: r.kind, version: Number(r.version), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) };
};
const aggregateOf = (kind: PaymentView['kind']) => (kind === 'PAYOUT' ? PAYOUT_AGGREGATE : PAYMENT_AGGREGATE);

/** `payment_views`: one row per payment or payout with the aggregate version it applied; rows only move forward. */
export const paymentViewsReadModel: ReadModel<PaymentView> = {
  name: 'payment_views',
  accepts: (e) => e.aggregateType === PAYMENT_AGGREGATE || e.aggregateType === PAYOUT_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT tenant_id, id, kind, version, data, created_at, updated_at FROM payment_views
        WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: aggregateOf(r.kind), aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectPayment(view, event as PaymentEvent | PayoutEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      const { createdAt, updatedAt, ...data } = state;
      params.push(ref.tenantId, state.id, state.kind, state.version, state.contactId, state.status, JSON.stringify(data), createdAt, updatedAt);
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}, $${i + 4}::int, $${i + 5}::uuid, $${i + 6}, $${i + 7}::jsonb, $${i + 8}::timestamptz, $${i + 9}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO payment_views (tenant_id, id, kind, version, contact_id, status, data, created_at, updated_at) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, contact_id = EXCLUDED.contact_id, status = EXCLUDED.status,
         data = EXCLUDED.data, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
       WHERE payment_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Payment views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class PaymentViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async byId(kind: PaymentView['kind'], id: string): Promise<PaymentView | null> {
    const rows = (await this.q.query(
      `SELECT tenant_id, id, kind, version, data, created_at, updated_at FROM payment_views WHERE tenant_id = $1 AND id = $2 AND kind = $3`,
      [this.tenantId, id, kind],
    )) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM payment_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return rows[0] ? Number(rows[0].version) : 0;
  }

  /** Newest first; `size + 1` rows are read to know whether there is more. */
  async list(
    kind: PaymentView['kind'],
    f: { contactId: string | null; status: string | null; page: number; size: number },
  ): Promise<{ items: PaymentView[]; hasMore: boolean }> {
    const params: unknown[] = [this.tenantId, kind];
    let where = 'tenant_id = $1 AND kind = $2';
    if (f.contactId) {
      params.push(f.contactId);
      where += ` AND contact_id = $${params.length}`;
    }
    if (f.status) {
      params.push(f.status);
      where += ` AND status = $${params.length}`;
    }
    params.push(f.size + 1, (f.page - 1) * f.size);
    const rows = (await this.q.query(
      `SELECT tenant_id, id, kind, version, data, created_at, updated_at FROM payment_views WHERE ${where}
        ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return { items: rows.slice(0, f.size).map(toView), hasMore: rows.length > f.size };
  }
}
