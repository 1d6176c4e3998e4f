import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { PaymentMethod, PaymentMethodsState } from '../domain/payment-method';

interface Row {
  contact_id: string;
  version: number;
  methods: PaymentMethod[] | string;
  primary_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'contact_id, version, methods, primary_id, created_at, updated_at';

const toState = (r: Row): PaymentMethodsState => ({
  id: r.contact_id,
  version: Number(r.version),
  methods: typeof r.methods === 'string' ? (JSON.parse(r.methods) as PaymentMethod[]) : r.methods,
  primaryId: r.primary_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byContact(q: Queryable, tenantId: string, ref: string): Promise<PaymentMethodsState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM payment_methods WHERE tenant_id = $1 AND contact_id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The contact whose stored methods hold this payment method id (tenant-scoped), with them. */
export async function findByMethodId(q: Queryable, tenantId: string, paymentMethodId: string): Promise<PaymentMethodsState | null> {
  const rows = (await q.query(`SELECT ${COLUMNS} FROM payment_methods WHERE tenant_id = $1 AND methods @> $2::jsonb`, [
    tenantId,
    JSON.stringify([{ id: paymentMethodId }]),
  ])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** A contact's payment methods (one aggregate per contact): tenant-scoped reads, and the writes the command handler runs with the outbox append. */
export const paymentMethodStore: AggregateStore<PaymentMethodsState> = {
  load: byContact,
  findById: byContact,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO payment_methods (tenant_id, ${COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(s.methods), s.primaryId, s.createdAt, s.updatedAt],
  }),
  /** Optimistic concurrency: writes only if the stored version is still `expectedVersion`. */
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE payment_methods SET version = $3, methods = $4::jsonb, primary_id = $5, updated_at = $6
          WHERE tenant_id = $1 AND contact_id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(s.methods), s.primaryId, s.updatedAt, expectedVersion],
  }),
};
