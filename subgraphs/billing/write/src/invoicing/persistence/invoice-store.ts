import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { InvoiceDocument, InvoiceState } from '../domain/invoice';

interface Row {
  id: string;
  version: number;
  state: InvoiceState['state'];
  doc: InvoiceDocument;
  ledger_transaction_id: string | null;
  credited: string;
  void_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const INVOICE_COLUMNS = 'id, version, state, doc, ledger_transaction_id, credited, void_reason, created_at, updated_at';

export const invoiceOf = (r: Row): InvoiceState => ({
  id: r.id,
  version: Number(r.version),
  state: r.state,
  document: r.doc,
  ledgerTransactionId: r.ledger_transaction_id,
  credited: r.credited,
  voidReason: r.void_reason,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<InvoiceState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? invoiceOf(rows[0]) : null;
}

/**
 * Invoices and credit notes. The insert writes nothing when the subscription's period already has a
 * document (the partial unique index): the command handler then reports a conflict and the run moves on.
 */
export const invoiceStore: AggregateStore<InvoiceState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO invoices (tenant_id, id, version, kind, number, state, contact_id, account_id, subscription_id, billing_run_id, period_start,
            currency, total, credited, doc, ledger_transaction_id, void_reason, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12, $13, $14, $15::jsonb, $16, $17, $18, $19) ON CONFLICT DO NOTHING RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.document.kind,
      s.document.number,
      s.state,
      s.document.contactId,
      s.document.accountId,
      s.document.subscriptionId,
      s.document.billingRunId,
      s.document.periodStart,
      s.document.currency,
      s.document.total,
      s.credited,
      JSON.stringify(s.document),
      s.ledgerTransactionId,
      s.voidReason,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE invoices SET version = $3, state = $4, ledger_transaction_id = $5, credited = $6, void_reason = $7, updated_at = $8
          WHERE tenant_id = $1 AND id = $2 AND version = $9 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.state, s.ledgerTransactionId, s.credited, s.voidReason, s.updatedAt, expectedVersion],
  }),
};

export interface InvoiceFilter {
  kind?: 'INVOICE' | 'CREDIT_NOTE' | null;
  contactId?: string | null;
  accountId?: string | null;
  state?: string | null;
  subscriptionId?: string | null;
  billingRunId?: string | null;
}

/** A page of documents, newest first, tenant-scoped; `total` counts every match. */
export async function listInvoices(
  q: Queryable,
  tenantId: string,
  f: InvoiceFilter,
  page: { offset: number; limit: number },
): Promise<{ items: InvoiceState[]; total: number }> {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  const add = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  if (f.kind) add('kind', f.kind);
  if (f.contactId) add('contact_id', f.contactId);
  if (f.accountId) add('account_id', f.accountId);
  if (f.state) add('state', f.state);
  if (f.subscriptionId) add('subscription_id', f.subscriptionId);
  if (f.billingRunId) add('billing_run_id', f.billingRunId);
  const clause = where.join(' AND ');
  const count = (await q.query(`SELECT count(*)::int AS n FROM invoices WHERE ${clause}`, params)) as { n: number }[];
  const rows = (await q.query(
    `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE ${clause} ORDER BY created_at DESC, number DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    params,
  )) as Row[];
  return { items: rows.map(invoiceOf), total: Number(count[0]?.n ?? 0) };
}

/** Every document of one subscription (what was billed per period). */
export async function documentsOfSubscription(q: Queryable, tenantId: string, subscriptionId: string): Promise<InvoiceDocument[]> {
  const rows = (await q.query(`SELECT doc FROM invoices WHERE tenant_id = $1 AND subscription_id = $2`, [tenantId, subscriptionId])) as {
    doc: InvoiceDocument;
  }[];
  return rows.map((r) => r.doc);
}

/** Takes the next document number of the tenant and holds its counter until the transaction ends (issuing is serial per tenant). */
export async function nextNumber(q: Queryable, tenantId: string, kind: 'INVOICE' | 'CREDIT_NOTE'): Promise<string> {
  const rows = (await q.query(
    `INSERT INTO billing_counters (tenant_id, kind, value) VALUES ($1, $2, 1)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET value = billing_counters.value + 1 RETURNING value`,
    [tenantId, kind],
  )) as { value: string | number }[];
  const n = String(rows[0]!.value).padStart(6, '0');
  return kind === 'INVOICE' ? `INV-${n}` : `CN-${n}`;
}
