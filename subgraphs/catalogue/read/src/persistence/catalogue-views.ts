import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import {
  ORDER_CATALOGUE_AGGREGATE,
  PRODUCT_AGGREGATE,
  PRODUCT_GROUP_AGGREGATE,
  RECOMMENDATION_RULE_AGGREGATE,
  type CatalogueEvent,
} from '@crm/event-bus/contracts/catalogue';
import type { Cache } from '@crm/platform/cache';
import { invalidateGenerations } from '@crm/platform/cache';
import { projectCatalogue, type CatalogueView } from '../projections/catalogue-view.projection';
import { catalogueGenerations } from '../queries/cache-keys';

const TYPES = new Set([PRODUCT_AGGREGATE, PRODUCT_GROUP_AGGREGATE, ORDER_CATALOGUE_AGGREGATE, RECOMMENDATION_RULE_AGGREGATE]);

interface Row {
  tenant_id: string;
  id: string;
  aggregate_type: string;
  version: number;
  doc: Record<string, unknown>;
}

/** A stored document back to the view: its dates revived. */
export function reviveView<V extends CatalogueView>(doc: Record<string, unknown>): V {
  return { ...doc, createdAt: new Date(doc['createdAt'] as string), updatedAt: new Date(doc['updatedAt'] as string) } as unknown as V;
}

/**
 * `catalogue_views` as a read model of the projector engine: one document per aggregate with the
 * version it applied; one statement per batch, only ever moving a row forward. After the commit,
 * every cached catalogue read of the tenants it changed is invalidated (a generational cache).
 */
export function catalogueViewsReadModel(cache: Cache | null): ReadModel<CatalogueView> {
  return {
    name: 'catalogue_views',
    accepts: (e) => TYPES.has(e.aggregateType),
    contiguous: true,
    saveIsAtomic: true,
    async load(q, refs) {
      const rows = (await q.query(
        `SELECT tenant_id, id, aggregate_type, version, doc FROM catalogue_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
        [refs.map((r) => r.tenantId), refs.map((r) => r.aggregateId)],
      )) as Row[];
      return new Map(
        rows.map((r) => [
          refKey({ tenantId: r.tenant_id, aggregateType: r.aggregate_type, aggregateId: r.id }),
          { version: Number(r.version), state: reviveView(r.doc) },
        ]),
      );
    },
    project: (view, event) => projectCatalogue(view, event as CatalogueEvent),
    async save(q, changed) {
      const params: unknown[] = [];
      const values = changed.map(({ ref, state }) => {
        const i = params.length;
        params.push(ref.tenantId, state.id, ref.aggregateType, state.version, JSON.stringify(state), state.createdAt);
        return `($${i + 1}, $${i + 2}::uuid, $${i + 3}, $${i + 4}::int, $${i + 5}::jsonb, $${i + 6}::timestamptz)`;
      });
      await q.query(
        `INSERT INTO catalogue_views (tenant_id, id, aggregate_type, version, doc, created_at) VALUES ${values.join(', ')}
         ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc
         WHERE catalogue_views.version < EXCLUDED.version`,
        params,
      );
    },
    ...(cache
      ? {
          afterCommit: (changed) =>
            invalidateGenerations(
              cache,
              catalogueGenerations,
              changed.map((c) => c.ref.tenantId),
            ),
        }
      : {}),
  };
}

export interface Page<V> {
  items: V[];
  hasMore: boolean;
  total: number | null;
}

export interface ListQuery {
  /** SQL conditions on `doc` (and their parameters, numbered after the tenant and type: $3…). */
  where: string[];
  params: unknown[];
  order: 'ASC' | 'DESC';
  sort: 'CREATED_DATE' | 'NAME';
  offset: number;
  limit: number;
  withTotal: boolean;
}

/** Catalogue views of ONE tenant: every statement is scoped by the tenant given at construction. */
export class CatalogueViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async get<V extends CatalogueView>(aggregateType: string, id: string): Promise<V | null> {
    const rows = (await this.q.query(`SELECT doc FROM catalogue_views WHERE tenant_id = $1 AND id = $2 AND aggregate_type = $3`, [
      this.tenantId,
      id,
      aggregateType,
    ])) as Row[];
    return rows[0] ? reviveView<V>(rows[0].doc) : null;
  }

  async getMany<V extends CatalogueView>(aggregateType: string, ids: readonly string[]): Promise<V[]> {
    if (ids.length === 0) return [];
    const rows = (await this.q.query(`SELECT doc FROM catalogue_views WHERE tenant_id = $1 AND aggregate_type = $2 AND id = ANY($3::uuid[])`, [
      this.tenantId,
      aggregateType,
      [...ids],
    ])) as Row[];
    return rows.map((r) => reviveView<V>(r.doc));
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM catalogue_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return rows[0] ? Number(rows[0].version) : 0;
  }

  /** One page of one aggregate type's views, filtered by `doc` conditions; one more row than asked tells `hasMore`. */
  async list<V extends CatalogueView>(aggregateType: string, l: ListQuery): Promise<Page<V>> {
    const where = [`tenant_id = $1`, `aggregate_type = $2`, ...l.where].join(' AND ');
    const params = [this.tenantId, aggregateType, ...l.params];
    const dir = l.order === 'ASC' ? 'ASC' : 'DESC';
    const orderBy = l.sort === 'NAME' ? `lower(doc->>'name') ${dir}, id ${dir}` : `created_at ${dir}, id ${dir}`;
    const rows = (await this.q.query(
      `SELECT doc FROM catalogue_views WHERE ${where} ORDER BY ${orderBy} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, l.offset, l.limit + 1],
    )) as Row[];
    let total: number | null = null;
    if (l.withTotal) {
      const counted = (await this.q.query(`SELECT count(*)::int AS n FROM catalogue_views WHERE ${where}`, params)) as { n: number }[];
      total = Number(counted[0]?.n ?? 0);
    }
    return { items: rows.slice(0, l.limit).map((r) => reviveView<V>(r.doc)), hasMore: rows.length > l.limit, total };
  }
}
