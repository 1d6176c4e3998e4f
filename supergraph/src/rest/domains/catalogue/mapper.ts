import type { RestContext } from '../../kit/context';
import { snakeCaseFields } from '../../kit/field-names';
import { epochSeconds } from '../../kit/format';
import type { Paging } from '../../kit/paging';
import {
  LIST_GROUPS,
  type GqlComponent,
  type GqlGroup,
  type GqlOrderCatalogue,
  type GqlPage,
  type GqlPeriod,
  type GqlPrice,
  type GqlProduct,
} from './operations';

type Json = Record<string, unknown>;

/** Leaves out absent values (the contract omits them rather than sending null). */
export function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/** A decimal string as the contract's JSON number ("9.99" → 9.99). */
export const amount = (s: string): number => Number(s);

const period = (p: GqlPeriod | null) => (p ? { duration: p.duration, uot: p.uot } : undefined);

/** A price as `pricing_item` of the contract (its id is the `price_terms_id` clients send). */
export function toPricing(p: GqlPrice): Json {
  return compact({
    id: p.id,
    price: amount(p.price),
    currency_code: p.currencyCode,
    is_default: p.isDefault,
    price_model: p.priceModel,
    tax_model: p.taxModel,
    supply_method: p.supplyMethod,
    tiers: p.tiers.map((t) => compact({ lower_tier: t.lower, upper_tier: t.upper, price: amount(t.price) })),
    price_terms: p.priceTerms
      ? compact({
          billing_period: period(p.priceTerms.billingPeriod),
          trial_period: period(p.priceTerms.trialPeriod),
          contract_period: period(p.priceTerms.contractPeriod),
          auto_renewed: p.priceTerms.autoRenewed,
          billing_model: p.priceTerms.billingModel,
        })
      : undefined,
  });
}

/** id → group, for naming a product's type, brand, family and categories. */
export type Groups = ReadonlyMap<string, GqlGroup>;

/** One query for every group the products name (types, brands, families, categories). */
export async function groupsOf(ctx: RestContext, products: readonly GqlProduct[]): Promise<Groups> {
  const ids = [...new Set(products.flatMap((p) => [p.typeId, p.brandId, p.familyId, ...p.categoryIds].filter((i): i is string => !!i)))];
  if (ids.length === 0) return new Map();
  const found = new Map<string, GqlGroup>();
  for (let i = 0; i < ids.length; i += 100) {
    const data = await ctx.gateway.run(LIST_GROUPS, { filter: { ids: ids.slice(i, i + 100) }, page: { limit: 100 } }, snakeCaseFields);
    for (const g of (data['productGroups'] as GqlPage<GqlGroup>).items) found.set(g.id, g);
  }
  return found;
}

const named = (groups: Groups, id: string | null) => {
  const g = id ? groups.get(id) : undefined;
  return g ? { id: g.id, name: g.name } : undefined;
};

/** The product fields every shape shares (list item, detail, variant). */
function productCore(p: GqlProduct): Json {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    classification: p.classification,
    type_composition: p.composition,
    instance_model: p.instanceModel,
    is_modifier: p.isModifier,
    is_provisionable: p.isProvisionable,
    is_stockable: p.isStockable,
    negative_balance_allowed: p.negativeBalanceAllowed,
    number_of_prices: p.prices.length,
    pricing: p.prices.map(toPricing),
  };
}

const characteristics = (p: GqlProduct) => p.characteristics.map((c) => ({ key: c.key, value: c.value }));

/** A product as the contract's list item (GET /products). */
export function toProductListItem(p: GqlProduct): Json {
  return compact({ ...productCore(p), availability: p.availability, components: p.components.length, characteristics: characteristics(p) });
}

/** A product as the contract's detail (GET /products/{id}): groups named, components as `composition`. */
export function toProductDetail(p: GqlProduct, groups: Groups): Json {
  return compact({
    ...productCore(p),
    type: named(groups, p.typeId),
    brand: named(groups, p.brandId),
    family: named(groups, p.familyId),
    categories: p.categoryIds.map((id) => named(groups, id)).filter(Boolean),
    characteristics: characteristics(p),
    composition: p.components.map(toCompositionItem),
  });
}

/** A bundle component as the contract's `composition` item. */
export function toCompositionItem(c: GqlComponent): Json {
  return compact({
    id: c.id,
    item_id: c.itemId,
    item_type: c.itemType,
    mandatory: c.mandatory,
    minimum_quantity: c.minimumQuantity,
    maximum_quantity: c.maximumQuantity,
    price_inclusive: c.priceInclusive,
  });
}

/** A variant (GET /products/{id}/variants): the list item plus its groups. */
export function toVariant(p: GqlProduct, groups: Groups): Json {
  const { composition: _c, ...detail } = toProductDetail(p, groups);
  return compact({ ...detail, availability: p.availability });
}

/** The Back-Office product: the detail plus availability, variant parent and dates. */
export function toBackOfficeProduct(p: GqlProduct, groups: Groups): Json {
  return compact({
    ...toProductDetail(p, groups),
    availability: p.availability,
    variant_of: p.variantOf,
    created_date: epochSeconds(p.createdAt),
    updated_date: epochSeconds(p.updatedAt),
  });
}

/** A product group (type, brand, family, category) as the contract lists them. */
export function toGroup(g: GqlGroup, groups: Groups = new Map()): Json {
  switch (g.kind) {
    case 'TYPE':
      return compact({ id: g.id, name: g.name, description: g.description, classification: g.classification, composition_method: g.composition });
    case 'CATEGORY':
      return compact({
        id: g.id,
        name: g.name,
        description: g.description,
        code: g.code,
        parent: g.parentId ? (named(groups, g.parentId) ?? { id: g.parentId }) : undefined,
        child_nodes: g.childCount,
        available_in_order_menus: true,
      });
    default:
      return compact({ id: g.id, name: g.name, description: g.description });
  }
}

/** A group as the Back-Office reads it: the contract shape plus code, parent id and dates. */
export function toBackOfficeGroup(g: GqlGroup): Json {
  return compact({
    ...toGroup(g),
    code: g.code,
    parent_id: g.parentId,
    created_date: epochSeconds(g.createdAt),
    updated_date: epochSeconds(g.updatedAt),
  });
}

/** An order catalogue as the contract lists them. */
export function toOrderCatalogue(c: GqlOrderCatalogue): Json {
  return compact({
    id: c.id,
    name: c.name,
    description: c.description,
    supply_methods: c.supplyMethods,
    time_availability: c.timeAvailability.map((s) => ({ day_of_week: s.dayOfWeek, start_time: s.startTime, end_time: s.endTime })),
  });
}

/** The Back-Office order catalogue: the contract shape plus its products or categories and dates. */
export function toBackOfficeOrderCatalogue(c: GqlOrderCatalogue): Json {
  return {
    ...toOrderCatalogue(c),
    products: c.productIds,
    categories: c.categoryIds,
    created_date: epochSeconds(c.createdAt),
    updated_date: epochSeconds(c.updatedAt),
  };
}

/** `{content, paging}` of a list page. */
export function pageOf<T>(page: GqlPage<T>, paging: Paging, map: (t: T) => Json): Json {
  return {
    content: page.items.map(map),
    paging: compact({
      page: paging.page,
      size: paging.size,
      has_more: page.hasMore,
      total: paging.includeTotal ? (page.total ?? undefined) : undefined,
    }),
  };
}

/** The GraphQL page argument of a REST paging (+ sort/order). */
export function pageArg(paging: Paging, sort: 'CREATED_DATE' | 'NAME' = 'CREATED_DATE', order: 'ASC' | 'DESC' = 'DESC') {
  return { offset: (paging.page - 1) * paging.size, limit: paging.size, withTotal: paging.includeTotal, sort, order };
}
