import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { PAYMENT_METHODS_AGGREGATE, type PaymentMethodEvent } from '@crm/event-bus/contracts/billing';
import { projectPaymentMethods, type PaymentMethodData, type PaymentMethodsView } from '../projections/payment-method-view.projection';

interface Row {
  tenant_id: string;
  contact_id: string;
  version: number;
  methods: PaymentMethodData[] | string;
  primary_id: string | null;
  updated_at: Date | string;
}

const COLUMNS = 'tenant_id, contact_id, version, methods, primary_id, updated_at';

const toView = (r: Row): PaymentMethodsView => ({
  contactId: r.contact_id,
  version: Number(r.version),
  methods: typeof r.methods === 'string' ? (JSON.parse(r.methods) as PaymentMethodData[]) : r.methods,
  primaryId: r.primary_id,
  updatedAt: new Date(r.updated_at),
});

/**
 * `payment_method_views` as a read model of the projector engine: one row per contact with the
 * aggregate version it applied; one statement per batch, only ever moving a row forward.
 */
export const paymentMethodViewsReadModel: ReadModel<PaymentMethodsView> = {
  name: 'payment_method_views',
  accepts: (e) => e.aggregateType === PAYMENT_METHODS_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT ${COLUMNS} FROM payment_method_views WHERE (tenant_id, contact_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: PAYMENT_METHODS_AGGREGATE, aggregateId: r.contact_id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectPaymentMethods(view, event as PaymentMethodEvent),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state }) => {
      const i = params.length;
      params.push(ref.tenantId, state.contactId, state.version, JSON.stringify(state.methods), state.primaryId, state.updatedAt);
      return `($${i + 1}, $${i + 2}::uuid, $${i + 3}::int, $${i + 4}::jsonb, $${i + 5}::uuid, $${i + 6}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO payment_method_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, contact_id) DO UPDATE SET version = EXCLUDED.version, methods = EXCLUDED.methods, primary_id = EXCLUDED.primary_id,
         updated_at = EXCLUDED.updated_at
       WHERE payment_method_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Payment method views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class PaymentMethodViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async ofContact(contactId: string): Promise<PaymentMethodsView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM payment_method_views WHERE tenant_id = $1 AND contact_id = $2`, [
      this.tenantId,
      contactId,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(contactId: string): Promise<number> {
    return (await this.ofContact(contactId))?.version ?? 0;
  }
}
