import type { EntityManager } from 'typeorm';
import type { Queryable } from '@crm/event-bus/kit';
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

/**
 * The projector's reads and writes (any tenants, each row keyed by tenant and id): the views of
 * the contacts a batch names (one round trip), and the batch's new views (one statement that
 * only ever moves a row to a NEWER version, so no lock or transaction is needed).
 */
export const contactViewRows = {
  async load(q: Queryable, keys: { tenantId: string; id: string }[]): Promise<{ tenantId: string; view: ContactView }[]> {
    const rows = (await q.query(
      `SELECT tenant_id, id, version, deleted, doc FROM contact_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      [keys.map((k) => k.tenantId), keys.map((k) => k.id)],
    )) as (Row & { tenant_id: string })[];
    return rows.map((r) => ({ tenantId: r.tenant_id, view: rowToView(r) }));
  },

  async save(q: Queryable, views: { tenantId: string; view: ContactView }[]): Promise<void> {
    const params: unknown[] = [];
    const values = views.map(({ tenantId, view: v }) => {
      const i = params.length;
      params.push(
        tenantId,
        v.id,
        v.code,
        v.type,
        v.version,
        v.deleted,
        displayNameOf(v),
        v.email,
        searchTextOf(v),
        v.tags,
        JSON.stringify(v),
        v.createdAt,
        v.updatedAt,
      );
      const p = (n: number) => `$${i + n}`;
      return `(${p(1)}, ${p(2)}::uuid, ${p(3)}, ${p(4)}, ${p(5)}::int, ${p(6)}::boolean, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}::text[], ${p(11)}::jsonb, ${p(12)}::timestamptz, ${p(13)}::timestamptz, now())`;
    });
    await q.query(
      `INSERT INTO contact_views (tenant_id, id, code, type, version, deleted, display_name, email, search_text, tags, doc, created_at, updated_at, projected_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (tenant_id, id) DO UPDATE SET code = EXCLUDED.code, type = EXCLUDED.type, version = EXCLUDED.version,
         deleted = EXCLUDED.deleted, display_name = EXCLUDED.display_name, email = EXCLUDED.email, search_text = EXCLUDED.search_text,
         tags = EXCLUDED.tags, doc = EXCLUDED.doc, updated_at = EXCLUDED.updated_at, projected_at = now()
       WHERE contact_views.version < EXCLUDED.version`,
      params,
    );
  },
};

/** Contact views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class ContactViewStore {
  constructor(
    private readonly m: EntityManager,
    private readonly tenantId: string,
  ) {}

  /** By id (including tombstones, so versions stay visible) or by code (live contacts only). */
  async get(idOrCode: string): Promise<ContactView | null> {
    const id = canonicalId(idOrCode);
    if (id) {
      const rows = (await this.m.query(`SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1 AND id = $2`, [
        this.tenantId,
        id,
      ])) as Row[];
      if (rows[0]) return rowToView(rows[0]);
    }
    const rows = (await this.m.query(
      `SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1 AND lower(code) = lower($2) AND NOT deleted`,
      [this.tenantId, idOrCode],
    )) as Row[];
    return rows[0] ? rowToView(rows[0]) : null;
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.m.query(`SELECT version FROM contact_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
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
      const [c] = (await this.m.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM contact_views WHERE ${whereSql} LIMIT 10000) t`, params)) as {
        n: number;
      }[];
      total = Number(c?.n ?? 0);
    }
    return { views: rows.slice(0, window.limit).map(rowToView), hasMore: rows.length > window.limit, total };
  }
}
