import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { USAGE_ALLOWANCE_AGGREGATE, USAGE_RECORD_AGGREGATE, type UsageEvent } from '@crm/event-bus/contracts/subscriptions';
import { projectUsageAllowance, projectUsageRecord, type UsageAllowanceView, type UsageRecordView } from '../projections/usage-views.projection';

interface RecordRow {
  tenant_id: string;
  id: string;
  version: number;
  contact_id: string;
  subscription_id: string;
  service_id: string;
  usage_product_id: string;
  usage_amount: string;
  measurement_unit: string | null;
  usage_timestamp: Date | string;
  charged_amount: string | null;
  currency_code: string | null;
  billing_directive: string;
  created_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();
// numeric as text keeps the exact decimal; trailing zeros of the scale are the ones posted
const RECORD_COLUMNS = `tenant_id, id, version, contact_id, subscription_id, service_id, usage_product_id, usage_amount::text AS usage_amount,
  measurement_unit, usage_timestamp, charged_amount::text AS charged_amount, currency_code, billing_directive, created_at`;
const toRecord = (r: RecordRow): UsageRecordView => ({
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  subscriptionId: r.subscription_id,
  serviceId: r.service_id,
  usageProductId: r.usage_product_id,
  usageAmount: r.usage_amount,
  measurementUnit: r.measurement_unit,
  usageTimestamp: iso(r.usage_timestamp),
  chargedAmount: r.charged_amount,
  currencyCode: r.currency_code,
  billingDirective: r.billing_directive as UsageRecordView['billingDirective'],
  createdAt: iso(r.created_at),
});

/** `usage_record_views`: one row per posted record. */
export const usageRecordViewsReadModel: ReadModel<UsageRecordView> = {
  name: 'usage_record_views',
  accepts: (e) => e.aggregateType === USAGE_RECORD_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT ${RECORD_COLUMNS} FROM usage_record_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as RecordRow[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: USAGE_RECORD_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toRecord(r) },
      ]),
    );
  },
  project: (view, event) => projectUsageRecord(view, event as Extract<UsageEvent, { type: 'usage.record_posted' }>),
  async save(q, changed) {
    for (const { ref, state: v } of changed) {
      await q.query(
        `INSERT INTO usage_record_views (tenant_id, id, version, contact_id, subscription_id, service_id, usage_product_id, usage_amount, measurement_unit,
           usage_timestamp, charged_amount, currency_code, billing_directive, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9, $10, $11::numeric, $12, $13, $14)
         ON CONFLICT (tenant_id, id) DO NOTHING`,
        [
          ref.tenantId,
          v.id,
          v.version,
          v.contactId,
          v.subscriptionId,
          v.serviceId,
          v.usageProductId,
          v.usageAmount,
          v.measurementUnit,
          v.usageTimestamp,
          v.chargedAmount,
          v.currencyCode,
          v.billingDirective,
          v.createdAt,
        ],
      );
    }
  },
};

interface AllowanceRow {
  tenant_id: string;
  service_id: string;
  version: number;
  contact_id: string;
  subscription_id: string;
  allowances: UsageAllowanceView['allowances'];
  updated_at: Date | string;
}
const toAllowance = (r: AllowanceRow): UsageAllowanceView => ({
  serviceId: r.service_id,
  version: Number(r.version),
  contactId: r.contact_id,
  subscriptionId: r.subscription_id,
  allowances: r.allowances,
  updatedAt: iso(r.updated_at),
});

/** `usage_allowance_views`: one row per service with an allowance. */
export const usageAllowanceViewsReadModel: ReadModel<UsageAllowanceView> = {
  name: 'usage_allowance_views',
  accepts: (e) => e.aggregateType === USAGE_ALLOWANCE_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT * FROM usage_allowance_views WHERE (tenant_id, service_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
    )) as AllowanceRow[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: USAGE_ALLOWANCE_AGGREGATE, aggregateId: r.service_id }),
        { version: Number(r.version), state: toAllowance(r) },
      ]),
    );
  },
  project: (view, event) => projectUsageAllowance(view, event as Extract<UsageEvent, { type: 'usage.allowance_set' }>),
  async save(q, changed) {
    for (const { ref, state: v } of changed) {
      await q.query(
        `INSERT INTO usage_allowance_views (tenant_id, service_id, version, contact_id, subscription_id, allowances, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (tenant_id, service_id) DO UPDATE SET version = EXCLUDED.version, allowances = EXCLUDED.allowances, updated_at = EXCLUDED.updated_at
         WHERE usage_allowance_views.version < EXCLUDED.version`,
        [ref.tenantId, v.serviceId, v.version, v.contactId, v.subscriptionId, JSON.stringify(v.allowances), v.updatedAt],
      );
    }
  },
};

export interface UsageFilter {
  contactId: string | null;
  serviceId: string | null;
  subscriptionId: string | null;
  billingDirective: string | null;
  from: Date | null;
  to: Date | null;
}

const WHERE = `tenant_id = $1 AND ($2::uuid IS NULL OR contact_id = $2::uuid) AND ($3::uuid IS NULL OR service_id = $3::uuid)
  AND ($4::uuid IS NULL OR subscription_id = $4::uuid) AND ($5::text IS NULL OR billing_directive = $5)
  AND ($6::timestamptz IS NULL OR usage_timestamp >= $6) AND ($7::timestamptz IS NULL OR usage_timestamp < $7)`;

/** Usage views of ONE tenant. */
export class UsageViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  private params(f: UsageFilter): unknown[] {
    return [this.tenantId, f.contactId, f.serviceId, f.subscriptionId, f.billingDirective, f.from, f.to];
  }

  async list(f: UsageFilter, limit: number, offset: number, newestFirst: boolean): Promise<{ items: UsageRecordView[]; total: number }> {
    const order = newestFirst ? 'usage_timestamp DESC, id DESC' : 'usage_timestamp, id';
    const [rows, count] = await Promise.all([
      this.q.query(`SELECT ${RECORD_COLUMNS} FROM usage_record_views WHERE ${WHERE} ORDER BY ${order} LIMIT $8 OFFSET $9`, [
        ...this.params(f),
        limit,
        offset,
      ]),
      this.q.query(`SELECT count(*)::int AS n FROM usage_record_views WHERE ${WHERE}`, this.params(f)),
    ]);
    return { items: (rows as RecordRow[]).map(toRecord), total: Number((count as { n: number }[])[0]?.n ?? 0) };
  }

  /** Total usage per usage product (exact sums as decimal strings). */
  async totals(f: UsageFilter): Promise<{ usageProductId: string; amount: string }[]> {
    const rows = (await this.q.query(
      `SELECT usage_product_id, sum(usage_amount)::text AS amount FROM usage_record_views WHERE ${WHERE} GROUP BY usage_product_id ORDER BY usage_product_id`,
      this.params(f),
    )) as { usage_product_id: string; amount: string }[];
    return rows.map((r) => ({ usageProductId: r.usage_product_id, amount: r.amount }));
  }

  /** What the service used of one product since each instant (exact sums). */
  async consumed(serviceId: string, productId: string, since: Date[]): Promise<string[]> {
    const rows = (await this.q.query(
      `SELECT coalesce(sum(usage_amount) FILTER (WHERE usage_timestamp >= $4), 0)::text AS a, coalesce(sum(usage_amount) FILTER (WHERE usage_timestamp >= $5), 0)::text AS b
         FROM usage_record_views WHERE tenant_id = $1 AND service_id = $2 AND usage_product_id = $3 AND billing_directive <> 'TO_BE_CREDITED'`,
      [this.tenantId, serviceId, productId, since[0], since[1]],
    )) as { a: string; b: string }[];
    return [rows[0]?.a ?? '0', rows[0]?.b ?? '0'];
  }

  async allowanceOf(serviceId: string): Promise<UsageAllowanceView | null> {
    const rows = (await this.q.query(`SELECT * FROM usage_allowance_views WHERE tenant_id = $1 AND service_id = $2`, [
      this.tenantId,
      serviceId,
    ])) as AllowanceRow[];
    return rows[0] ? toAllowance(rows[0]) : null;
  }

  async versionOf(aggregateType: string, id: string): Promise<number> {
    const sql =
      aggregateType === USAGE_RECORD_AGGREGATE
        ? `SELECT version FROM usage_record_views WHERE tenant_id = $1 AND id = $2`
        : `SELECT version FROM usage_allowance_views WHERE tenant_id = $1 AND service_id = $2`;
    const rows = (await this.q.query(sql, [this.tenantId, id])) as { version: number }[];
    return Number(rows[0]?.version ?? 0);
  }
}
