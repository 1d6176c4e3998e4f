import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { GIVING_AGGREGATES } from '@crm/event-bus/contracts/rewards';
import { projectGiving, type GivingType, type GivingView } from './projection';

export const GIVING_TYPES: readonly string[] = GIVING_AGGREGATES;

interface Row {
  tenant_id: string;
  type: GivingType;
  id: string;
  version: number;
  contact_id: string | null;
  offer_id: string | null;
  organisation_id: string | null;
  life_cycle: string | null;
  data: GivingView['data'] | string;
  created_at: Date | string;
  updated_at: Date | string;
  total?: string | number;
  donations?: string | number;
  donated?: string | null;
}

const COLUMNS = 'tenant_id, type, id, version, contact_id, offer_id, organisation_id, life_cycle, data, created_at, updated_at';

const toView = (r: Row): GivingView => ({
  type: r.type,
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  offerId: r.offer_id,
  organisationId: r.organisation_id,
  lifeCycle: r.life_cycle,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as GivingView['data']) : r.data,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** `giving_views`: one row per referral, invitation, donation offer, opt-in and donation, moved forward only. */
export const givingViewsReadModel: ReadModel<GivingView> = {
  name: 'giving_views',
  accepts: (e) => GIVING_TYPES.includes(e.aggregateType),
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT ${COLUMNS} FROM giving_views WHERE (tenant_id, type, id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateType), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: r.type, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectGiving(view, event as Parameters<typeof projectGiving>[1]),
  async save(q, changed) {
    const params: unknown[] = [];
    const values = changed.map(({ ref, state: s }) => {
      const i = params.length;
      params.push(
        ref.tenantId,
        s.type,
        s.id,
        s.version,
        s.contactId,
        s.offerId,
        s.organisationId,
        s.lifeCycle,
        JSON.stringify(s.data),
        s.createdAt,
        s.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}::uuid, ${p(4)}::int, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}::jsonb, ${p(10)}::timestamptz, ${p(11)}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO giving_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, type, id) DO UPDATE SET version = EXCLUDED.version, contact_id = EXCLUDED.contact_id, offer_id = EXCLUDED.offer_id,
         organisation_id = EXCLUDED.organisation_id, life_cycle = EXCLUDED.life_cycle, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE giving_views.version < EXCLUDED.version`,
      params,
    );
  },
};

export interface GivingFilter {
  type: GivingType;
  contactId?: string | null;
  offerId?: string | null;
  organisationId?: string | null;
  lifeCycles?: string[] | null;
  donationTypes?: string[] | null;
  offerTypes?: string[] | null;
  search?: string | null;
  ascending?: boolean;
  offset: number;
  limit: number;
}

/** Giving views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class GivingViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(type: GivingType, id: string): Promise<GivingView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM giving_views WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      this.tenantId,
      type,
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(type: string, id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM giving_views WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      this.tenantId,
      type,
      id,
    ])) as {
      version: number;
    }[];
    return rows[0] ? Number(rows[0].version) : 0;
  }

  /** A page (newest first unless ascending) with the total count. */
  async list(f: GivingFilter): Promise<{ items: GivingView[]; total: number }> {
    const where = ['tenant_id = $1', 'type = $2'];
    const params: unknown[] = [this.tenantId, f.type];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.contactId) add('contact_id = ?', f.contactId);
    if (f.offerId) add('offer_id = ?', f.offerId);
    if (f.organisationId) add('organisation_id = ?', f.organisationId);
    if (f.lifeCycles?.length) add('life_cycle = ANY(?::text[])', f.lifeCycles);
    if (f.donationTypes?.length) add(`data->>'donationType' = ANY(?::text[])`, f.donationTypes);
    if (f.offerTypes?.length) add(`data->>'offerType' = ANY(?::text[])`, f.offerTypes);
    if (f.search) add(`data->>'name' ILIKE ?`, `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    params.push(f.limit, f.offset);
    const dir = f.ascending ? 'ASC' : 'DESC';
    const rows = (await this.q.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM giving_views WHERE ${where.join(' AND ')} ORDER BY created_at ${dir}, id ${dir} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return { items: rows.map(toView), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  /** Per opt-in: how many donations were debited and their sum. */
  async totals(optInIds: string[]): Promise<Map<string, { count: number; sum: string }>> {
    if (optInIds.length === 0) return new Map();
    const rows = (await this.q.query(
      `SELECT data->>'optInId' AS id, count(*) AS donations, sum((data->>'amount')::numeric)::text AS donated FROM giving_views
        WHERE tenant_id = $1 AND type = 'donation' AND life_cycle = 'POSTED' AND data->>'optInId' = ANY($2::text[]) GROUP BY 1`,
      [this.tenantId, optInIds],
    )) as { id: string; donations: string | number; donated: string | null }[];
    return new Map(rows.map((r) => [r.id, { count: Number(r.donations), sum: r.donated ?? '0' }]));
  }

  /** The charity organisations of the ACTIVE donation offers (optionally of some offer types), by name. */
  async organisations(offerTypes: string[] | null): Promise<{ id: string; name: string }[]> {
    const rows = (await this.q.query(
      `SELECT DISTINCT ON (organisation_id) organisation_id AS id, data->'organisation'->>'name' AS name FROM giving_views
        WHERE tenant_id = $1 AND type = 'donation_offer' AND life_cycle = 'ACTIVE' AND ($2::text[] IS NULL OR data->>'offerType' = ANY($2::text[]))
        ORDER BY organisation_id, created_at DESC`,
      [this.tenantId, offerTypes],
    )) as { id: string; name: string }[];
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }
}
