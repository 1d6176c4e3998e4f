import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Cache, GenerationalCache } from '@crm/platform/cache';
import { waitForVersion, type ConsistencyToken } from '@crm/platform/graphql';
import type { Projector } from '@crm/event-bus/kit';
import {
  ORDER_CATALOGUE_AGGREGATE,
  PRODUCT_AGGREGATE,
  PRODUCT_GROUP_AGGREGATE,
  RECOMMENDATION_RULE_AGGREGATE,
  type Classification,
  type Composition,
  type GroupKind,
  type RecommendationCategoryType,
  type RecommendationKind,
  type SupplyMethod,
} from '@crm/event-bus/contracts/catalogue';
import {
  amountFor,
  dayAndMinutesOf,
  isOpenAt,
  type OrderCatalogueState,
  type ProductGroupState,
  type ProductState,
  type RecommendationRuleState,
} from '@crm/catalogue-model';
import { CatalogueViewStore, reviveView, type ListQuery, type Page } from '../persistence/catalogue-views';
import { catalogueGenerations, READ_TTL_SECONDS } from './cache-keys';

export interface Window {
  offset: number;
  limit: number;
  order: 'ASC' | 'DESC';
  sort: 'CREATED_DATE' | 'NAME';
  withTotal: boolean;
}

export interface ProductFilter {
  ids?: string[] | null;
  skus?: string[] | null;
  classification?: Classification | null;
  composition?: Composition | null;
  typeId?: string | null;
  brandId?: string | null;
  familyId?: string | null;
  categoryId?: string | null;
  availability?: string | null;
  search?: string | null;
  currencyCode?: string | null;
  variantOf?: string | null;
  orderCatalogueId?: string | null;
}

export interface GroupFilter {
  ids?: string[] | null;
  search?: string | null;
  parentId?: string | null;
  classifications?: Classification[] | null;
}

export interface OrderCatalogueFilter {
  ids?: string[] | null;
  search?: string | null;
  supplyMethod?: SupplyMethod | null;
  /** Only the catalogues open at this instant (their time availability read in UTC). */
  orderingTime?: Date | null;
}

export interface RecommendationRuleFilter {
  ids?: string[] | null;
  kind?: RecommendationKind | null;
  categoryType?: RecommendationCategoryType | null;
  /** Rules triggered by any of these products. */
  sourceProductIds?: string[] | null;
  /** true: only rules without source products. */
  withoutSources?: boolean | null;
}

export type GroupView = ProductGroupState & { childCount: number };

/** Builds `doc` conditions with numbered parameters ($3 onwards: $1 is the tenant, $2 the aggregate type). */
class Conditions {
  readonly where: string[] = [];
  readonly params: unknown[] = [];
  add(sql: (p: string) => string, value: unknown): void {
    this.params.push(value);
    this.where.push(sql(`$${this.params.length + 2}`));
  }
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const EMPTY: Page<never> = { items: [], hasMore: false, total: 0 };
const MAX_FILTERED_CATALOGUES = 500;

/** Dates of cached results come back as strings: revive the views of a page, a list or one view. */
function reviveDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDeep) as T;
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('createdAt' in o && typeof o['createdAt'] === 'string') return reviveView(o) as T;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, reviveDeep(v)])) as T;
  }
  return value;
}

/**
 * Read-side queries over `catalogue_views`: tenant-scoped, honouring consistency tokens, and
 * cached in Redis per tenant generation (any catalogue change in the tenant invalidates them;
 * a request carrying consistency tokens reads the database).
 */
export class CatalogueQueries {
  private readonly generations: GenerationalCache;

  constructor(
    private readonly dataSource: DataSource,
    cache: Cache,
    private readonly projector: Projector | null,
    private readonly consistencyWaitMs: number,
  ) {
    this.generations = new GenerationalCache(cache, catalogueGenerations, READ_TTL_SECONDS);
  }

  /** Database loads made to fill cache misses. */
  get cacheLoads(): number {
    return this.generations.loads;
  }

  private store(tenantId: string): CatalogueViewStore {
    return new CatalogueViewStore(this.dataSource.manager, tenantId);
  }

  private async cached<T>(tenantId: string, fresh: boolean, what: string, args: unknown, load: () => Promise<T>): Promise<T> {
    if (fresh) return load();
    const hash = createHash('sha256')
      .update(JSON.stringify([what, args]))
      .digest('base64url');
    return reviveDeep(await this.generations.get(tenantId, hash, load));
  }

  /** Waits until every catalogue token of the request is projected; false when time ran out. */
  async awaitTokens(tenantId: string, tokens: ConsistencyToken[]): Promise<boolean> {
    const types = new Set([PRODUCT_AGGREGATE, PRODUCT_GROUP_AGGREGATE, ORDER_CATALOGUE_AGGREGATE, RECOMMENDATION_RULE_AGGREGATE]);
    const wanted = tokens.filter((t) => types.has(t.aggregateType));
    const reached = await Promise.all(
      wanted.map((t) =>
        waitForVersion(
          t.version,
          () => this.store(tenantId).versionOf(t.aggregateId),
          this.projector ? { emitter: this.projector.applied, event: `${tenantId}:${t.aggregateType}:${t.aggregateId}` } : null,
          this.consistencyWaitMs,
        ),
      ),
    );
    return reached.every(Boolean);
  }

  product(tenantId: string, fresh: boolean, id: string): Promise<ProductState | null> {
    return this.cached(tenantId, fresh, 'product', id, () => this.store(tenantId).get<ProductState>(PRODUCT_AGGREGATE, id));
  }

  products(tenantId: string, fresh: boolean, filter: ProductFilter, w: Window): Promise<Page<ProductState>> {
    return this.cached(tenantId, fresh, 'products', [filter, w], async () => {
      const c = new Conditions();
      if (filter.ids) c.add((p) => `id = ANY(${p}::uuid[])`, filter.ids);
      if (filter.skus)
        c.add(
          (p) => `lower(doc->>'sku') = ANY(${p}::text[])`,
          filter.skus.map((s) => s.toLowerCase()),
        );
      for (const [field, value] of [
        ['classification', filter.classification],
        ['composition', filter.composition],
        ['typeId', filter.typeId],
        ['brandId', filter.brandId],
        ['familyId', filter.familyId],
        ['availability', filter.availability],
      ] as const) {
        if (value) c.add((p) => `doc->>'${field}' = ${p}`, value);
      }
      if (filter.categoryId) c.add((p) => `doc->'categoryIds' ? ${p}`, filter.categoryId);
      if (filter.search) c.add((p) => `(doc->>'name' ILIKE ${p} OR doc->>'sku' ILIKE ${p})`, likePattern(filter.search));
      if (filter.currencyCode)
        c.add(
          (p) => `EXISTS (SELECT 1 FROM jsonb_array_elements(doc->'prices') x WHERE x->>'currencyCode' = ${p})`,
          filter.currencyCode.toUpperCase(),
        );
      // variants are listed under their composite product, not among the products
      if (filter.variantOf) c.add((p) => `doc->>'variantOf' = ${p}`, filter.variantOf);
      else if (!filter.ids && !filter.skus) c.where.push(`doc->>'variantOf' IS NULL`);
      if (filter.orderCatalogueId) {
        const catalogue = await this.store(tenantId).get<OrderCatalogueState>(ORDER_CATALOGUE_AGGREGATE, filter.orderCatalogueId);
        if (!catalogue) return EMPTY;
        if (catalogue.productIds.length > 0) c.add((p) => `id = ANY(${p}::uuid[])`, catalogue.productIds);
        else c.add((p) => `doc->'categoryIds' ?| ${p}::text[]`, catalogue.categoryIds);
      }
      return this.store(tenantId).list<ProductState>(PRODUCT_AGGREGATE, this.listQuery(c, w));
    });
  }

  /** A price by its id (the `price_terms_id`), with its product and, for a quantity, what it costs. */
  price(tenantId: string, fresh: boolean, priceId: string): Promise<{ product: ProductState; priceIndex: number } | null> {
    return this.cached(tenantId, fresh, 'price', priceId, async () => {
      const page = await this.store(tenantId).list<ProductState>(PRODUCT_AGGREGATE, {
        where: [`doc->'prices' @> jsonb_build_array(jsonb_build_object('id', $3::text))`],
        params: [priceId],
        order: 'ASC',
        sort: 'CREATED_DATE',
        offset: 0,
        limit: 1,
        withTotal: false,
      });
      const product = page.items[0];
      return product ? { product, priceIndex: product.prices.findIndex((p) => p.id === priceId) } : null;
    });
  }

  static amount(product: ProductState, priceIndex: number, quantity: number | null): string | null {
    return quantity === null ? null : amountFor(product.prices[priceIndex]!, quantity);
  }

  group(tenantId: string, fresh: boolean, kind: GroupKind, id: string): Promise<GroupView | null> {
    return this.cached(tenantId, fresh, 'group', [kind, id], async () => {
      const g = await this.store(tenantId).get<ProductGroupState>(PRODUCT_GROUP_AGGREGATE, id);
      if (!g || g.kind !== kind || g.deleted) return null;
      return (await this.withChildCounts(tenantId, [g]))[0]!;
    });
  }

  groups(tenantId: string, fresh: boolean, kind: GroupKind | null, filter: GroupFilter, w: Window): Promise<Page<GroupView>> {
    return this.cached(tenantId, fresh, 'groups', [kind, filter, w], async () => {
      const c = new Conditions();
      c.where.push(`(doc->>'deleted')::boolean = false`);
      if (kind) c.add((p) => `doc->>'kind' = ${p}`, kind);
      if (filter.ids) c.add((p) => `id = ANY(${p}::uuid[])`, filter.ids);
      if (filter.search) c.add((p) => `(doc->>'name' ILIKE ${p} OR doc->>'code' ILIKE ${p})`, likePattern(filter.search));
      if (filter.parentId) c.add((p) => `doc->>'parentId' = ${p}`, filter.parentId);
      if (filter.classifications) c.add((p) => `doc->>'classification' = ANY(${p}::text[])`, filter.classifications);
      const page = await this.store(tenantId).list<ProductGroupState>(PRODUCT_GROUP_AGGREGATE, this.listQuery(c, w));
      return { ...page, items: await this.withChildCounts(tenantId, page.items) };
    });
  }

  private async withChildCounts(tenantId: string, groups: ProductGroupState[]): Promise<GroupView[]> {
    if (groups.length === 0) return [];
    const rows = (await this.dataSource.manager.query(
      `SELECT doc->>'parentId' AS parent, count(*)::int AS n FROM catalogue_views
        WHERE tenant_id = $1 AND aggregate_type = $2 AND doc->>'parentId' = ANY($3::text[]) AND (doc->>'deleted')::boolean = false
        GROUP BY 1`,
      [tenantId, PRODUCT_GROUP_AGGREGATE, groups.map((g) => g.id)],
    )) as { parent: string; n: number }[];
    const counts = new Map(rows.map((r) => [r.parent, Number(r.n)]));
    return groups.map((g) => ({ ...g, childCount: counts.get(g.id) ?? 0 }));
  }

  orderCatalogue(tenantId: string, fresh: boolean, id: string): Promise<OrderCatalogueState | null> {
    return this.cached(tenantId, fresh, 'orderCatalogue', id, () => this.store(tenantId).get<OrderCatalogueState>(ORDER_CATALOGUE_AGGREGATE, id));
  }

  orderCatalogues(tenantId: string, fresh: boolean, filter: OrderCatalogueFilter, w: Window): Promise<Page<OrderCatalogueState>> {
    return this.cached(tenantId, fresh, 'orderCatalogues', [filter, w], async () => {
      const c = new Conditions();
      if (filter.ids) c.add((p) => `id = ANY(${p}::uuid[])`, filter.ids);
      if (filter.search) c.add((p) => `doc->>'name' ILIKE ${p}`, likePattern(filter.search));
      if (filter.supplyMethod) c.add((p) => `doc->'supplyMethods' ? ${p}`, filter.supplyMethod);
      if (!filter.orderingTime) return this.store(tenantId).list<OrderCatalogueState>(ORDER_CATALOGUE_AGGREGATE, this.listQuery(c, w));
      // time availability is checked here: page over the catalogues open at that time
      const all = await this.store(tenantId).list<OrderCatalogueState>(ORDER_CATALOGUE_AGGREGATE, {
        ...this.listQuery(c, w),
        offset: 0,
        limit: MAX_FILTERED_CATALOGUES,
        withTotal: false,
      });
      const { day, minutes } = dayAndMinutesOf(filter.orderingTime);
      const open = all.items.filter((k) => isOpenAt(k.timeAvailability, day, minutes));
      return { items: open.slice(w.offset, w.offset + w.limit), hasMore: open.length > w.offset + w.limit, total: w.withTotal ? open.length : null };
    });
  }

  /**
   * The categories of an order catalogue with its products in each: a catalogue of categories
   * offers those categories (their products); a catalogue of products groups them by their categories.
   */
  orderCatalogueCategories(
    tenantId: string,
    fresh: boolean,
    id: string,
    parentId: string | null,
  ): Promise<{ category: GroupView; products: ProductState[] }[] | null> {
    return this.cached(tenantId, fresh, 'orderCatalogueCategories', [id, parentId], async () => {
      const store = this.store(tenantId);
      const catalogue = await store.get<OrderCatalogueState>(ORDER_CATALOGUE_AGGREGATE, id);
      if (!catalogue) return null;
      const products =
        catalogue.productIds.length > 0
          ? await store.getMany<ProductState>(PRODUCT_AGGREGATE, catalogue.productIds)
          : (
              await store.list<ProductState>(PRODUCT_AGGREGATE, {
                where: [`doc->'categoryIds' ?| $3::text[]`, `doc->>'availability' = 'ENABLED'`],
                params: [catalogue.categoryIds],
                order: 'ASC',
                sort: 'NAME',
                offset: 0,
                limit: 1000,
                withTotal: false,
              })
            ).items;
      const enabled = products.filter((p) => p.availability === 'ENABLED');
      const categoryIds = catalogue.categoryIds.length > 0 ? catalogue.categoryIds : [...new Set(enabled.flatMap((p) => p.categoryIds))];
      const categories = (await store.getMany<ProductGroupState>(PRODUCT_GROUP_AGGREGATE, categoryIds)).filter(
        (g) => !g.deleted && (parentId === null || g.parentId === parentId),
      );
      const order = new Map(categoryIds.map((cid, i) => [cid, i]));
      categories.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const counted = await this.withChildCounts(tenantId, categories);
      return counted.map((category) => ({ category, products: enabled.filter((p) => p.categoryIds.includes(category.id)) }));
    });
  }

  recommendationRule(tenantId: string, fresh: boolean, id: string): Promise<RecommendationRuleState | null> {
    return this.cached(tenantId, fresh, 'recommendationRule', id, async () => {
      const rule = await this.store(tenantId).get<RecommendationRuleState>(RECOMMENDATION_RULE_AGGREGATE, id);
      return rule && !rule.deleted ? rule : null;
    });
  }

  /** Live (not deleted) rules matching every filter given; whether a rule is still valid is the caller's question (it depends on the time). */
  recommendationRules(tenantId: string, fresh: boolean, filter: RecommendationRuleFilter, w: Window): Promise<Page<RecommendationRuleState>> {
    return this.cached(tenantId, fresh, 'recommendationRules', [filter, w], () => {
      const c = new Conditions();
      c.where.push(`(doc->>'deleted')::boolean = false`);
      if (filter.ids) c.add((p) => `id = ANY(${p}::uuid[])`, filter.ids);
      if (filter.kind) c.add((p) => `doc->>'kind' = ${p}`, filter.kind);
      if (filter.categoryType) c.add((p) => `doc->>'categoryType' = ${p}`, filter.categoryType);
      if (filter.sourceProductIds) c.add((p) => `doc->'sourceProductIds' ?| ${p}::text[]`, filter.sourceProductIds);
      if (filter.withoutSources) c.where.push(`jsonb_array_length(doc->'sourceProductIds') = 0`);
      return this.store(tenantId).list<RecommendationRuleState>(RECOMMENDATION_RULE_AGGREGATE, this.listQuery(c, w));
    });
  }

  private listQuery(c: Conditions, w: Window): ListQuery {
    return { where: c.where, params: c.params, order: w.order, sort: w.sort, offset: w.offset, limit: w.limit, withTotal: w.withTotal };
  }
}
