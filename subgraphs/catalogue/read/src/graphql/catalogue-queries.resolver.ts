import { Arg, Ctx, Field, ID, InputType, Int, Query, registerEnumType, Resolver } from 'type-graphql';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import { Authorized, type ReadConsistency, type SubgraphContext } from '@crm/platform/graphql';
import type {
  Classification,
  Composition,
  GroupKind,
  RecommendationCategoryType as RecommendationCategoryTypeT,
  RecommendationKind as RecommendationKindT,
  SupplyMethod as SupplyMethodT,
} from '@crm/event-bus/contracts/catalogue';
import {
  ProductAvailability,
  ProductClassification,
  ProductComposition,
  ProductGroupKind,
  RecommendationCategoryType,
  RecommendationKind,
  SupplyMethod,
} from '@crm/catalogue-model';
import { CatalogueQueries, type Window } from '../queries/catalogue-queries';
import {
  OrderCatalogue,
  OrderCatalogueCategory,
  OrderCataloguePage,
  Product,
  ProductGroup,
  ProductGroupPage,
  ProductPage,
  ProductPrice,
  RecommendationRule,
  RecommendationRulePage,
} from './types';

const SortOrder = { ASC: 'ASC', DESC: 'DESC' } as const;
const CatalogueSort = { CREATED_DATE: 'CREATED_DATE', NAME: 'NAME' } as const;
registerEnumType(SortOrder, { name: 'CatalogueSortOrder' });
registerEnumType(CatalogueSort, { name: 'CatalogueSort' });

export const MAX_PAGE_SIZE = 100;

@InputType({ description: 'Paging and order: offset 0+, limit 1..100 (default 10), newest first by default.' })
export class CataloguePageInput {
  @Field(() => Int, { nullable: true }) offset?: number | null;
  @Field(() => Int, { nullable: true }) limit?: number | null;
  @Field(() => SortOrder, { nullable: true }) order?: 'ASC' | 'DESC' | null;
  @Field(() => CatalogueSort, { nullable: true }) sort?: 'CREATED_DATE' | 'NAME' | null;
  @Field(() => Boolean, { nullable: true }) withTotal?: boolean | null;
}

@InputType()
export class ProductFilterInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => [String], { nullable: true }) skus?: string[] | null;
  @Field(() => ProductClassification, { nullable: true }) classification?: Classification | null;
  @Field(() => ProductComposition, { nullable: true }) composition?: Composition | null;
  @Field(() => ID, { nullable: true }) typeId?: string | null;
  @Field(() => ID, { nullable: true }) brandId?: string | null;
  @Field(() => ID, { nullable: true }) familyId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ProductAvailability, { nullable: true }) availability?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the name or SKU.' }) search?: string | null;
  @Field(() => String, { nullable: true, description: 'Only products with a price in this currency.' }) currencyCode?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The variants of this COMPOSITE product (variants are otherwise left out unless asked for by id or SKU).',
  })
  variantOf?: string | null;
  @Field(() => ID, { nullable: true, description: 'The products an order catalogue offers.' }) orderCatalogueId?: string | null;
}

@InputType()
export class ProductGroupFilterInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => [ProductClassification], { nullable: true, description: 'Types of any of these classifications.' }) classifications?:
    | Classification[]
    | null;
}

@InputType()
export class OrderCatalogueFilterInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => SupplyMethod, { nullable: true }) supplyMethod?: SupplyMethodT | null;
  @Field(() => Date, { nullable: true, description: 'Only catalogues open at this time (time availability read in UTC).' })
  orderingTime?: Date | null;
}

@InputType()
export class RecommendationRuleFilterInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => RecommendationKind, { nullable: true }) kind?: RecommendationKindT | null;
  @Field(() => RecommendationCategoryType, { nullable: true }) categoryType?: RecommendationCategoryTypeT | null;
  @Field(() => [ID], { nullable: true, description: 'Rules triggered by any of these products.' }) sourceProductIds?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only rules without source products (SERVICES rules for anyone).' })
  withoutSources?: boolean | null;
}

function windowOf(page: CataloguePageInput | null | undefined): Window {
  const offset = page?.offset ?? 0;
  const limit = page?.limit ?? 10;
  if (!Number.isInteger(offset) || offset < 0) throw AppError.validation('offset', 'must be 0 or more', 'INVALID_OFFSET');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw AppError.validation('limit', `must be 1 to ${MAX_PAGE_SIZE}`, 'INVALID_PAGE_SIZE');
  return { offset, limit, order: page?.order ?? 'DESC', sort: page?.sort ?? 'CREATED_DATE', withTotal: page?.withTotal ?? false };
}

/** Ids that are not UUIDs name nothing: an id filter keeps only the canonical ones. */
const ids = (list: string[] | null | undefined) => (list ? list.map((i) => canonicalId(i)).filter((i): i is string => i !== null) : null);
/** A single id filter that is not a UUID matches nothing (the impossible nil UUID stands for it). */
const NOTHING = '00000000-0000-0000-0000-000000000000';
const one = (id: string | null | undefined) => (id ? (canonicalId(id) ?? NOTHING) : null);

/** Read-side queries of the catalogue; every query is tenant-scoped and honours consistency tokens. */
@Resolver()
export class CatalogueQueriesResolver {
  constructor(
    private readonly queries: CatalogueQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  /** Contacts see the enabled products only (a disabled product is not in their catalogue). */
  private static hidden(ctx: SubgraphContext, product: { availability: string } | null | undefined): boolean {
    return ctx.principal.kind === 'contact' && product?.availability !== 'ENABLED';
  }

  /** Waits for the request's tokens; `true` = read the database (skip the cache) to see them. */
  private async fresh(ctx: SubgraphContext): Promise<boolean> {
    await this.consistency.before(ctx);
    return ctx.consistency.length > 0;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => Product, { nullable: true, description: 'A product by id; null when the tenant has none (for contacts: none enabled).' })
  async product(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Product | null> {
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    const product = canonical ? await this.queries.product(ctx.principal.tenantId, fresh, canonical) : null;
    return product && !CatalogueQueriesResolver.hidden(ctx, product) ? (product as Product) : null;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => ProductPage, {
    description: 'Products matching every filter given (variants only through variantOf, ids or skus); contacts get the enabled ones only.',
  })
  async products(
    @Arg('filter', () => ProductFilterInput, { nullable: true }) filter: ProductFilterInput | null,
    @Arg('page', () => CataloguePageInput, { nullable: true }) page: CataloguePageInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProductPage> {
    const w = windowOf(page);
    const fresh = await this.fresh(ctx);
    const f = filter ?? {};
    const result = await this.queries.products(
      ctx.principal.tenantId,
      fresh,
      {
        ids: ids(f.ids),
        skus: f.skus ?? null,
        classification: f.classification ?? null,
        composition: f.composition ?? null,
        typeId: one(f.typeId),
        brandId: one(f.brandId),
        familyId: one(f.familyId),
        categoryId: one(f.categoryId),
        availability: ctx.principal.kind === 'contact' ? 'ENABLED' : (f.availability ?? null),
        search: f.search?.trim() || null,
        currencyCode: f.currencyCode?.trim() || null,
        variantOf: one(f.variantOf),
        orderCatalogueId: one(f.orderCatalogueId),
      },
      w,
    );
    return result as ProductPage;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => ProductPrice, {
    nullable: true,
    description: 'A price by id (the `price_terms_id`) with its product; with `quantity`, what that many units cost.',
  })
  async productPrice(
    @Arg('id', () => ID) id: string,
    @Arg('quantity', () => Int, { nullable: true }) quantity: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProductPrice | null> {
    if (quantity !== null && quantity < 0) throw AppError.validation('quantity', 'must be 0 or more', 'INVALID_VALUE');
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    const found = canonical ? await this.queries.price(ctx.principal.tenantId, fresh, canonical) : null;
    if (!found || CatalogueQueriesResolver.hidden(ctx, found.product)) return null;
    return {
      product: found.product as Product,
      price: found.product.prices[found.priceIndex]! as ProductPrice['price'],
      amount: CatalogueQueries.amount(found.product, found.priceIndex, quantity),
    };
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => ProductGroup, { nullable: true, description: 'A live product type, brand, family or category by id.' })
  async productGroup(
    @Arg('kind', () => ProductGroupKind) kind: GroupKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProductGroup | null> {
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    return canonical ? ((await this.queries.group(ctx.principal.tenantId, fresh, kind, canonical)) as ProductGroup | null) : null;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => ProductGroupPage, { description: 'Live product types, brands, families or categories (all kinds when kind is absent).' })
  async productGroups(
    @Arg('kind', () => ProductGroupKind, { nullable: true }) kind: GroupKind | null,
    @Arg('filter', () => ProductGroupFilterInput, { nullable: true }) filter: ProductGroupFilterInput | null,
    @Arg('page', () => CataloguePageInput, { nullable: true }) page: CataloguePageInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProductGroupPage> {
    const w = windowOf(page);
    const fresh = await this.fresh(ctx);
    const f = filter ?? {};
    return (await this.queries.groups(
      ctx.principal.tenantId,
      fresh,
      kind,
      { ids: ids(f.ids), search: f.search?.trim() || null, parentId: one(f.parentId), classifications: f.classifications ?? null },
      w,
    )) as ProductGroupPage;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => OrderCatalogue, { nullable: true, description: 'An order catalogue by id.' })
  async orderCatalogue(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<OrderCatalogue | null> {
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    return canonical ? ((await this.queries.orderCatalogue(ctx.principal.tenantId, fresh, canonical)) as OrderCatalogue | null) : null;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => OrderCataloguePage, { description: 'Order catalogues matching every filter given.' })
  async orderCatalogues(
    @Arg('filter', () => OrderCatalogueFilterInput, { nullable: true }) filter: OrderCatalogueFilterInput | null,
    @Arg('page', () => CataloguePageInput, { nullable: true }) page: CataloguePageInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderCataloguePage> {
    const w = windowOf(page);
    const fresh = await this.fresh(ctx);
    const f = filter ?? {};
    return (await this.queries.orderCatalogues(
      ctx.principal.tenantId,
      fresh,
      { ids: ids(f.ids), search: f.search?.trim() || null, supplyMethod: f.supplyMethod ?? null, orderingTime: f.orderingTime ?? null },
      w,
    )) as OrderCataloguePage;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => [OrderCatalogueCategory], {
    nullable: true,
    description: 'The categories of an order catalogue with its enabled products in each; null when there is no such catalogue.',
  })
  async orderCatalogueCategories(
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OrderCatalogueCategory[] | null> {
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    if (!canonical) return null;
    return (await this.queries.orderCatalogueCategories(ctx.principal.tenantId, fresh, canonical, one(parentId))) as OrderCatalogueCategory[] | null;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => RecommendationRule, { nullable: true, description: 'A recommendation rule by id; null when the tenant has none (or it was deleted).' })
  async recommendationRule(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RecommendationRule | null> {
    const fresh = await this.fresh(ctx);
    const canonical = canonicalId(id);
    return canonical ? ((await this.queries.recommendationRule(ctx.principal.tenantId, fresh, canonical)) as RecommendationRule | null) : null;
  }

  @Authorized(['catalogue.read', 'self'])
  @Query(() => RecommendationRulePage, {
    description: 'Recommendation rules (not deleted) matching every filter given; validUntil is returned, not applied.',
  })
  async recommendationRules(
    @Arg('filter', () => RecommendationRuleFilterInput, { nullable: true }) filter: RecommendationRuleFilterInput | null,
    @Arg('page', () => CataloguePageInput, { nullable: true }) page: CataloguePageInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RecommendationRulePage> {
    const w = windowOf(page);
    const fresh = await this.fresh(ctx);
    const f = filter ?? {};
    return (await this.queries.recommendationRules(
      ctx.principal.tenantId,
      fresh,
      {
        ids: ids(f.ids),
        kind: f.kind ?? null,
        categoryType: f.categoryType ?? null,
        sourceProductIds: ids(f.sourceProductIds),
        withoutSources: f.withoutSources ?? null,
      },
      w,
    )) as RecommendationRulePage;
  }
}
