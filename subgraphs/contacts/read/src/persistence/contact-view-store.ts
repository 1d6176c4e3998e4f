import type { EntityManager } from 'typeorm';
import { canonicalId } from '@crm/platform/ids';

export { canonicalId };
import { displayNameOf } from '@crm/contacts-model';
import { type ContactView, searchTextOf } from '../projections/contact-view.projection';

interface Row {
  id: string;
  version: number;
  deleted: boolean;
  doc: ContactView | string;
}


export function rowToView(r: Row): ContactView {
  const doc = typeof r.doc === 'string' ? (JSON.parse(r.doc) as ContactView) : r.doc;
  return { ...doc, version: Number(r.version), deleted: r.deleted, createdAt: new Date(doc.createdAt), updatedAt: new Date(doc.updatedAt) };
}

export type SortField = 'CREATED_AT' | 'UPDATED_AT' | 'NAME' | 'CODE';
export interface ListFilter {
  search?: string | null;
  code?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[] | null;
  type?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}

const SORT_SQL: Record<SortField, string> = {
  CREATED_AT: 'created_at',
  UPDATED_AT: 'updated_at',
  NAME: 'lower(display_name)',
  CODE: 'lower(code)',
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Contact views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class ContactViewStore {
  constructor(
    private readonly m: EntityManager,
    private readonly tenantId: string,
  ) {}

  /** Row lock for the projector (the version check and upsert happen under it). */
  async lockForUpdate(id: string): Promise<ContactView | null> {
    const rows = (await this.m.query(`SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [this.tenantId, id])) as Row[];
    return rows[0] ? rowToView(rows[0]) : null;
  }

  async upsert(v: ContactView): Promise<void> {
    await this.m.query(
      `INSERT INTO contact_views (tenant_id, id, code, type, version, deleted, display_name, email, search_text, tags, doc, created_at, updated_at, projected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11::jsonb, $12, $13, now())
       ON CONFLICT (tenant_id, id) DO UPDATE SET code = EXCLUDED.code, type = EXCLUDED.type, version = EXCLUDED.version,
         deleted = EXCLUDED.deleted, display_name = EXCLUDED.display_name, email = EXCLUDED.email, search_text = EXCLUDED.search_text,
         tags = EXCLUDED.tags, doc = EXCLUDED.doc, updated_at = EXCLUDED.updated_at, projected_at = now()`,
      [this.tenantId, v.id, v.code, v.type, v.version, v.deleted, displayNameOf(v), v.email, searchTextOf(v), v.tags, JSON.stringify(v), v.createdAt, v.updatedAt],
    );
  }

  /** By id (including tombstones, so versions stay visible) or by code (live contacts only). */
  async get(idOrCode: string): Promise<ContactView | null> {
    const id = canonicalId(idOrCode);
    if (id) {
      const rows = (await this.m.query(`SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as Row[];
      if (rows[0]) return rowToView(rows[0]);
    }
    const rows = (await this.m.query(`SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1 AND lower(code) = lower($2) AND NOT deleted`, [
      this.tenantId,
      idOrCode,
    ])) as Row[];
    return rows[0] ? rowToView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.m.query(`SELECT version FROM contact_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as { version: number }[];
    return rows[0] ? Number(rows[0].version) : 0;
  }

  async list(
    filter: ListFilter,
    sort: { field: SortField; direction: 'ASC' | 'DESC' },
    window: { offset: number; limit: number },
    withTotal: boolean,
  ): Promise<{ views: ContactView[]; hasMore: boolean; total: number | null }> {
    const where = ['tenant_id = $1', 'NOT deleted'];
    const params: unknown[] = [this.tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.search) add(`search_text LIKE ? ESCAPE '\\'`, `%${escapeLike(filter.search.toLowerCase())}%`);
    if (filter.code) add('lower(code) = lower(?)', filter.code);
    if (filter.email) add('email = lower(?)', filter.email);
    if (filter.phone) add(`search_text LIKE ? ESCAPE '\\'`, `%${escapeLike(filter.phone.replace(/\D/g, ''))}%`);
    if (filter.tags && filter.tags.length > 0) add('tags && ?::text[]', filter.tags);
    if (filter.type) add('type = ?', filter.type);
    if (filter.createdFrom) add('created_at >= ?', filter.createdFrom);
    if (filter.createdTo) add('created_at <= ?', filter.createdTo);
    const order = `${SORT_SQL[sort.field]} ${sort.direction}, id ${sort.direction}`;
    const whereSql = where.join(' AND ');
    const rows = (await this.m.query(
      `SELECT id, version, deleted, doc FROM contact_views WHERE ${whereSql} ORDER BY ${order} LIMIT ${window.limit + 1} OFFSET ${window.offset}`,
      params,
    )) as Row[];
    let total: number | null = null;
    if (withTotal) {
      const [c] = (await this.m.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM contact_views WHERE ${whereSql} LIMIT 10000) t`, params)) as { n: number }[];
      total = Number(c?.n ?? 0);
    }
    return { views: rows.slice(0, window.limit).map(rowToView), hasMore: rows.length > window.limit, total };
  }
}
