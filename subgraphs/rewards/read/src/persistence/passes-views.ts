import type { EntityManager } from 'typeorm';
import type { Queryable } from '@crm/event-bus/kit';
import type { PassesView } from '../projections/passes-view.projection';

const COLUMNS = 'type, id, version, contact_id, scheme_id, life_cycle, occurred_at, data, created_at, updated_at';

interface Row {
  type: PassesView['type'];
  id: string;
  version: number;
  contact_id: string | null;
  scheme_id: string | null;
  life_cycle: string | null;
  occurred_at: Date | string | null;
  data: PassesView['data'] | string;
  created_at: Date | string;
  updated_at: Date | string;
  total?: string | number;
}

const toView = (r: Row): PassesView => ({
  type: r.type,
  id: r.id,
  version: Number(r.version),
  contactId: r.contact_id,
  schemeId: r.scheme_id,
  lifeCycle: r.life_cycle,
  occurredAt: r.occurred_at ? new Date(r.occurred_at) : null,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as PassesView['data']) : r.data,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export interface PassesListFilter {
  type: PassesView['type'];
  lifeCycles?: string[] | null;
  schemeId?: string | null;
  contactId?: string | null;
  currency?: string | null;
  search?: string | null;
  tag?: string | null;
  organisationId?: string | null;
  /** promotions: only those available at this instant */
  availableAt?: Date | null;
  ascending?: boolean;
  offset: number;
  limit: number;
}

const like = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Pass plans, passes and promotions of ONE tenant (rows of `reward_views`); every statement is scoped by the tenant. */
export class PassesViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get(type: PassesView['type'], id: string): Promise<PassesView | null> {
    const rows = (await this.q.query(`SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      this.tenantId,
      type,
      id,
    ])) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The PROMOTION pass a view token names (by its hash). */
  async byViewTokenHash(hash: string): Promise<PassesView | null> {
    const rows = (await this.q.query(
      `SELECT ${COLUMNS} FROM reward_views WHERE tenant_id = $1 AND type = 'pass' AND data->>'viewTokenHash' = $2 LIMIT 1`,
      [this.tenantId, hash],
    )) as Row[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(f: PassesListFilter): Promise<{ items: PassesView[]; total: number }> {
    const where = ['tenant_id = $1', 'type = $2'];
    const params: unknown[] = [this.tenantId, f.type];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.lifeCycles?.length) add('life_cycle = ANY(?::text[])', f.lifeCycles);
    if (f.schemeId) add('scheme_id = ?', f.schemeId);
    if (f.contactId) add('contact_id = ?', f.contactId);
    if (f.currency) add(f.type === 'pass_plan' ? `data->'terms'->>'currency' = ?` : `data->>'currency' = ?`, f.currency.toUpperCase());
    if (f.search) add(`data->>'name' ILIKE ?`, like(f.search));
    if (f.tag) add(`jsonb_exists(data->'tags', ?)`, f.tag);
    if (f.organisationId) add(`jsonb_exists(data->'organisationIds', ?)`, f.organisationId);
    if (f.availableAt) {
      add(`(data->>'availableFrom' IS NULL OR (data->>'availableFrom')::timestamptz <= ?::timestamptz)`, f.availableAt.toISOString());
      add(`(data->>'availableTo' IS NULL OR (data->>'availableTo')::timestamptz >= ?::timestamptz)`, f.availableAt.toISOString());
    }
    params.push(f.limit, f.offset);
    const dir = f.ascending ? 'ASC' : 'DESC';
    const rows = (await this.q.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM reward_views WHERE ${where.join(' AND ')} ORDER BY created_at ${dir}, id ${dir} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as Row[];
    return { items: rows.map(toView), total: rows[0] ? Number(rows[0].total) : 0 };
  }
}
