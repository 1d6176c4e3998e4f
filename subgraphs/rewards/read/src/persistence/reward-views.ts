import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import {
  CONTACT_TOKEN_AGGREGATE,
  PURCHASE_AGGREGATE,
  REWARD_MEMBERSHIP_AGGREGATE,
  REWARD_OFFER_AGGREGATE,
  REWARD_SCHEME_AGGREGATE,
} from '@crm/event-bus/contracts/rewards';
import { projectReward, type RewardView } from '../projections/reward-view.projection';
import { isPassesEvent, PASSES_TYPES, projectPasses, type PassesView } from '../projections/passes-view.projection';

export const REWARD_TYPES: readonly string[] = [
  REWARD_SCHEME_AGGREGATE,
  REWARD_MEMBERSHIP_AGGREGATE,
  REWARD_OFFER_AGGREGATE,
  PURCHASE_AGGREGATE,
  CONTACT_TOKEN_AGGREGATE,
  ...PASSES_TYPES,
];

interface Row {
  tenant_id: string;
  type: RewardView['type'];
  id: string;
  version: number;
  contact_id: string | null;
  scheme_id: string | null;
  life_cycle: string | null;
  occurred_at: Date | string | null;
  data: RewardView['data'] | string;
  created_at: Date | string;
  updated_at: Date | string;
  total?: string | number;
}

const COLUMNS = 'tenant_id, type, id, version, contact_id, scheme_id, life_cycle, occurred_at, data, created_at, updated_at';

const toView = (r: Row): RewardView => ({
  type: r.type,
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  schemeId: r.scheme_id,
  lifeCycle: r.life_cycle,
  occurredAt: r.occurred_at ? new Date(r.occurred_at) : null,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as RewardView['data']) : r.data,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** `reward_views`: one row per rewards aggregate with the version it applied; one statement per batch, only ever moving a row forward. */
export const rewardViewsReadModel: ReadModel<RewardView> = {
  name: 'reward_views',
  accepts: (e) => REWARD_TYPES.includes(e.aggregateType),
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(
      `SELECT ${COLUMNS} FROM reward_views WHERE (tenant_id, type, id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]))`,
      [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateType), refs.map((r) => r.aggregateId)],
    )) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: r.type, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) =>
    isPassesEvent(event.type)
      ? (projectPasses(view as unknown as PassesView | null, event as Parameters<typeof projectPasses>[1]) as unknown as RewardView)
      : projectReward(view, event as Parameters<typeof projectReward>[1]),
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
        s.schemeId,
        s.lifeCycle,
        s.occurredAt,
        JSON.stringify(s.data),
        s.createdAt,
        s.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}::uuid, ${p(4)}::int, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}::timestamptz, ${p(9)}::jsonb, ${p(10)}::timestamptz, ${p(11)}::timestamptz)`;
    });
    await q.query(
      `INSERT INTO reward_views (${COLUMNS}) VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, type, id) DO UPDATE SET version = EXCLUDED.version, contact_id = EXCLUDED.contact_id, scheme_id = EXCLUDED.scheme_id,
         life_cycle = EXCLUDED.life_cycle, occurred_at = EXCLUDED.occurred_at, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
       WHERE reward_views.version < EXCLUDED.version`,
      params,
    );
  },
};

export interface ListFilter {
  type: RewardView['type'];
  contactId?: string | null;
  schemeId?: string | null;
  lifeCycle?: string | null;
  name?: string | null;
  offset: number;
  limit: number;
}

/** Reward views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class RewardViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(type: RewardView['type'], id: string): Promise<RewardView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      this.tenantId,
      type,
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async versionOf(type: string, id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM reward_views WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      this.tenantId,
      type,
      id,
    ])) as { version: number }[];
    return rows[0] ? Number(rows[0].version) : 0;
  }

  /** A page, newest first (purchases by purchase time), with the total count. */
  async list(f: ListFilter): Promise<{ items: RewardView[]; total: number }> {
    const where = ['tenant_id = $1', 'type = $2'];
    const params: unknown[] = [this.tenantId, f.type];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.contactId) add('contact_id = ?', f.contactId);
    if (f.schemeId) add('scheme_id = ?', f.schemeId);
    if (f.lifeCycle) add('life_cycle = ?', f.lifeCycle);
    if (f.name) add(`data->>'name' ILIKE ?`, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    params.push(f.limit, f.offset);
    const order = f.type === 'purchase' ? 'occurred_at DESC, id DESC' : 'created_at DESC, id DESC';
    const rows = (await this.q.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM reward_views WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return { items: rows.map(toView), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  /** Every purchase of a contact (for per-offer totals). */
  async purchasesOf(contactId: string): Promise<RewardView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = 'purchase' AND contact_id = $2`, [
      this.tenantId,
      contactId,
    ])) as Row[];
    return rows.map(toView);
  }

  /** The organisations the ACTIVE offers name (the merchants of the programme). */
  async merchantIds(): Promise<string[]> {
    const rows = (await this.q.query(
      `SELECT DISTINCT jsonb_array_elements_text(data->'conditions'->'organisationIds') AS id FROM reward_views WHERE tenant_id = $1 AND type = 'reward_offer' AND life_cycle = 'ACTIVE' ORDER BY 1`,
      [this.tenantId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** A contact's live tokens (unused, unexpired), newest first. */
  async liveTokens(contactId: string): Promise<RewardView[]> {
    const rows = (await this.q.query(
      `SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = 'contact_token' AND contact_id = $2 AND life_cycle = 'ACTIVE' AND occurred_at > now() ORDER BY created_at DESC LIMIT 100`,
      [this.tenantId, contactId],
    )) as Row[];
    return rows.map(toView);
  }

  /** The schemes a contact takes part in (ACTIVE memberships) or is pending in. */
  async memberships(contactId: string): Promise<RewardView[]> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = 'reward_membership' AND contact_id = $2`, [
      this.tenantId,
      contactId,
    ])) as Row[];
    return rows.map(toView);
  }
}
