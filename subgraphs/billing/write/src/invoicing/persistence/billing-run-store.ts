import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { BillingRunState } from '../domain/billing-run';

interface Row {
  id: string;
  version: number;
  state: BillingRunState['state'];
  billing_date: string | Date;
  contact_ids: string[] | null;
  scheduled: boolean;
  total: number;
  done: number;
  documents: number;
  failures: BillingRunState['failures'];
  created_at: Date | string;
  updated_at: Date | string;
  completed_at: Date | string | null;
}

const COLUMNS = `id, version, state, to_char(billing_date, 'YYYY-MM-DD') AS billing_date, contact_ids, scheduled, total, done, documents, failures,
  created_at, updated_at, completed_at`;

const toState = (r: Row): BillingRunState => ({
  id: r.id,
  version: Number(r.version),
  state: r.state,
  billingDate: String(r.billing_date),
  contactIds: r.contact_ids,
  scheduled: r.scheduled,
  total: Number(r.total),
  done: Number(r.done),
  documents: Number(r.documents),
  failures: r.failures,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  completedAt: r.completed_at ? new Date(r.completed_at) : null,
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<BillingRunState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM billing_runs WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Billing runs. Progress (done, documents, failures, cursor, lease) is written by the worker apart from the events. */
export const billingRunStore: AggregateStore<BillingRunState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO billing_runs (tenant_id, id, version, state, billing_date, contact_ids, scheduled, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5::date, $6::jsonb, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.state,
      s.billingDate,
      s.contactIds ? JSON.stringify(s.contactIds) : null,
      s.scheduled,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE billing_runs SET version = $3, state = $4, total = $5, done = $6, documents = $7, failures = $8::jsonb, updated_at = $9, completed_at = $10,
            lease_owner = NULL, lease_until = NULL
          WHERE tenant_id = $1 AND id = $2 AND version = $11 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.state,
      s.total,
      s.done,
      s.documents,
      JSON.stringify(s.failures),
      s.updatedAt,
      s.completedAt,
      expectedVersion,
    ],
  }),
};

export async function listRuns(
  q: Queryable,
  tenantId: string,
  page: { offset: number; limit: number },
): Promise<{ items: BillingRunState[]; total: number }> {
  const count = (await q.query(`SELECT count(*)::int AS n FROM billing_runs WHERE tenant_id = $1`, [tenantId])) as { n: number }[];
  const rows = (await q.query(
    `SELECT ${COLUMNS} FROM billing_runs WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
    [tenantId],
  )) as Row[];
  return { items: rows.map(toState), total: Number(count[0]?.n ?? 0) };
}
