import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { COMPOSITIONS, RECOMMENDATION_CATEGORY_TYPES, type RecommendationKind } from '@crm/event-bus/contracts/catalogue';
import { sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { boolean, integer, parsePaging } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource, type RestRoute } from '../../kit/resource';
import { LIST_PRODUCTS, type GqlPage, type GqlPrice, type GqlProduct } from '../../domains/catalogue/operations';
import { csv, ignoredName, ignoredParameters, oneOf } from '../../domains/catalogue/query';
import {
  CONTACT_SERVICE_PRODUCTS,
  ESTIMATE_PRODUCTS,
  LIST_RULES,
  orderRecommendationResponse,
  productRecommendationResponse,
  RECOMMENDATION_CONTACT,
  ruleIsLive,
  SERVICE_PRODUCT,
  serviceRecommendationResponse,
  toOrderRecommended,
  toRecommendedProduct,
  toRecommendedService,
  type GqlRule,
} from '../../domains/catalogue/recommendations';

const TAG = 'Recommendations';
/** SERVICE_NOT_FOUND (subscriptions) and ORDER_ESTIMATE_NOT_FOUND (orders-write) are catalogued by their services. */
const SERVICE = 'service' as NotFoundSubject;
const ESTIMATE = 'order estimate' as NotFoundSubject;
const SS = '/self-service/v2';
const WHO = 'With the secret api_key (server side), or as the signed-in contact (api_key + bearer).';
/** Rules read per request (oldest first: the rule made first recommends first). */
const MAX_RULES = 100;
/** Services a contact still holds (not ended): not recommended again. */
const ENDED = new Set(['CANCELLED', 'REGRETTED', 'SWAPPED', 'REMOVED']);
const SERVICE_CLASSIFICATIONS = new Set(['TERMED_SERVICE', 'USAGE_SERVICE']);

async function rules(ctx: RestContext, filter: Record<string, unknown>): Promise<GqlRule[]> {
  const data = await ctx.gateway.run(LIST_RULES, { filter, page: { limit: MAX_RULES, order: 'ASC', sort: 'CREATED_DATE' } }, snakeCaseFields);
  const now = new Date();
  return (data['recommendationRules'] as GqlPage<GqlRule>).items.filter((r) => ruleIsLive(r, now));
}

/** The enabled products among `ids` (and, with `orderCatalogueId`, offered by that catalogue), by id. */
async function enabledProducts(ctx: RestContext, ids: readonly string[], orderCatalogueId?: string): Promise<Map<string, GqlProduct>> {
  const found = new Map<string, GqlProduct>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const filter = { ids: unique.slice(i, i + 100), availability: 'ENABLED', ...(orderCatalogueId ? { orderCatalogueId } : {}) };
    const data = await ctx.gateway.run(LIST_PRODUCTS, { filter, page: { limit: 100, order: 'ASC', sort: 'NAME' } }, snakeCaseFields);
    for (const p of (data['products'] as GqlPage<GqlProduct>).items) found.set(p.id, p);
  }
  return found;
}

/** A contact named in the query must be visible to the caller (another contact's id: 404). */
async function visibleContact(ctx: RestContext, raw: string | undefined): Promise<string | null> {
  if (raw === undefined) return null;
  if (!isUuid(raw)) throw recordNotFound('contact', raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(RECOMMENDATION_CONTACT, { id }, snakeCaseFields);
  if (!data['contact']) throw recordNotFound('contact', id);
  return id;
}

const flag = (p: Map<string, string>, name: string): boolean | undefined => {
  const raw = p.get(name);
  return raw === undefined ? undefined : boolean(name, raw);
};

// ---- GET /products/recommendation ---------------------------------------------------------------

const PRODUCT_PARAMS = ['category_id', 'category_type', 'contact_id', 'size'];

/** Each live PRODUCTS rule as a recommendation category with its enabled products, in the rule's order. */
const productRecommendation: Handler = async (ctx) => {
  const p = queryParams(ctx.url.searchParams, PRODUCT_PARAMS);
  const size = p.get('size') === undefined ? 10 : integer('size', p.get('size')!, 1, 100);
  const categoryType = oneOf('category_type', p.get('category_type'), RECOMMENDATION_CATEGORY_TYPES);
  await visibleContact(ctx, p.get('contact_id'));
  const categoryId = p.get('category_id');
  const found = await rules(ctx, { kind: 'PRODUCTS', categoryType, ...(categoryId !== undefined ? { ids: [categoryId] } : {}) });
  const products = await enabledProducts(
    ctx,
    found.flatMap((r) => r.productIds),
  );
  const out = found.flatMap((r) => {
    const listed = r.productIds.map((id) => products.get(id)).filter((x): x is GqlProduct => x !== undefined);
    if (listed.length === 0) return [];
    return [
      {
        category: {
          id: r.id,
          name: r.name,
          ...(r.description ? { description: r.description } : {}),
          type: r.categoryType!,
          has_more: listed.length > size,
          ...(r.validUntil ? { validity_ends: Math.floor(new Date(r.validUntil).getTime() / 1000) } : {}),
          products: listed.slice(0, size).map(toRecommendedProduct),
        },
      },
    ];
  });
  sendJson(ctx.res, 200, out);
};

// ---- GET /services/recommendation ---------------------------------------------------------------

const SERVICE_PARAMS = [
  'billing_model',
  'billing_period_duration',
  'billing_period_uot',
  'contact_id',
  'price_terms_id',
  'product_id',
  'search_value',
  'service_id',
  'type_composition',
  'include_total',
  'order',
  'page',
  'size',
  'sort',
];
const SERVICE_IGNORED = ['account_id', 'organisation_id', 'subscription_id', 'include_components', 'include_creatives'];

/**
 * Services to subscribe to: those SERVICES rules recommend on the product of `service_id` or
 * `product_id`; without either, those of the rules with no source (or else every enabled termed
 * service). A contact's services still held and the source itself are left out.
 */
const serviceRecommendation: Handler = async (ctx) => {
  const p = queryParams(ctx.url.searchParams, [...SERVICE_PARAMS, ...SERVICE_IGNORED]);
  const paging = parsePaging(p);
  const sort = oneOf('sort', p.get('sort'), ['CREATED_DATE', 'NAME'] as const);
  const order = oneOf('order', p.get('order'), ['ASC', 'DESC'] as const) ?? 'DESC';
  const composition = oneOf('type_composition', p.get('type_composition'), COMPOSITIONS);
  const duration =
    p.get('billing_period_duration') === undefined ? undefined : integer('billing_period_duration', p.get('billing_period_duration')!, 1, 1000);
  const uot = p.get('billing_period_uot')?.trim().toUpperCase();
  const billingModel = p.get('billing_model')?.trim().toUpperCase();
  const priceTermsId = p.get('price_terms_id');
  const search = p.get('search_value')?.trim().toLowerCase();

  let source: string | null = null;
  const serviceId = p.get('service_id');
  if (serviceId !== undefined) {
    if (!isUuid(serviceId)) throw recordNotFound(SERVICE, serviceId);
    const data = await ctx.gateway.run(SERVICE_PRODUCT, { id: canonicalPathId(serviceId) }, snakeCaseFields);
    const service = data['service'] as { productId: string } | null;
    if (!service) throw recordNotFound(SERVICE, serviceId);
    source = service.productId;
  } else if (p.get('product_id') !== undefined) {
    source = p.get('product_id')!;
  }
  const held = new Set<string>();
  const contactId = p.get('contact_id');
  if (contactId !== undefined) {
    if (!isUuid(contactId)) throw recordNotFound('contact', contactId);
    const data = await ctx.gateway.run(CONTACT_SERVICE_PRODUCTS, { contactId: canonicalPathId(contactId) }, snakeCaseFields);
    if (!data['contact']) throw recordNotFound('contact', contactId);
    for (const s of data['contactServices'] as { productId: string; state: string }[]) if (!ENDED.has(s.state)) held.add(s.productId);
  }

  const found = await rules(ctx, source === null ? { kind: 'SERVICES', withoutSources: true } : { kind: 'SERVICES', sourceProductIds: [source] });
  let candidates: GqlProduct[];
  if (found.length === 0 && source === null) {
    const data = await ctx.gateway.run(
      LIST_PRODUCTS,
      { filter: { classification: 'TERMED_SERVICE', availability: 'ENABLED' }, page: { limit: 100, order: 'ASC', sort: 'NAME' } },
      snakeCaseFields,
    );
    candidates = (data['products'] as GqlPage<GqlProduct>).items;
  } else {
    const ids = [...new Set(found.flatMap((r) => r.productIds))];
    const products = await enabledProducts(ctx, ids);
    candidates = ids.map((id) => products.get(id)).filter((x): x is GqlProduct => x !== undefined);
  }

  const priceFiltered = priceTermsId !== undefined || duration !== undefined || uot !== undefined || billingModel !== undefined;
  const keep = (x: GqlPrice) =>
    (priceTermsId === undefined || x.id === priceTermsId) &&
    (duration === undefined || x.priceTerms?.billingPeriod.duration === duration) &&
    (uot === undefined || x.priceTerms?.billingPeriod.uot === uot) &&
    (billingModel === undefined || x.priceTerms?.billingModel === billingModel);
  let list = candidates.filter(
    (c) =>
      SERVICE_CLASSIFICATIONS.has(c.classification) &&
      c.id !== source &&
      !held.has(c.id) &&
      (composition === undefined || c.composition === composition) &&
      (search === undefined || c.name.toLowerCase().includes(search) || c.sku.toLowerCase().includes(search)) &&
      (!priceFiltered || c.prices.some(keep)),
  );
  if (sort) {
    const dir = order === 'ASC' ? 1 : -1;
    list = [...list].sort((a, b) => dir * (sort === 'NAME' ? a.name.localeCompare(b.name) : a.createdAt.localeCompare(b.createdAt)));
  }
  const start = (paging.page - 1) * paging.size;
  const pageItems = list.slice(start, start + paging.size);
  sendJson(ctx.res, 200, {
    content: pageItems.map((c) => toRecommendedService(c, priceFiltered ? keep : () => true)),
    paging: {
      page: paging.page,
      size: paging.size,
      has_more: list.length > start + paging.size,
      ...(paging.includeTotal ? { total: list.length } : {}),
    },
  });
};

// ---- GET /orders/recommendation -----------------------------------------------------------------

const ORDER_PARAMS = [
  'estimation_id',
  'include_creatives',
  'include_cross_sells',
  'include_promotions',
  'include_reward_offers',
  'include_upsells',
  'order_catalogue_ids',
];

/** Up-sells and cross-sells of the products of an order estimate (not already in it), from the live UPSELL / CROSS_SELL rules. */
const orderRecommendation: Handler = async (ctx) => {
  const p = queryParams(ctx.url.searchParams, ORDER_PARAMS);
  const estimationId = p.get('estimation_id');
  if (estimationId === undefined || estimationId.trim() === '') throw AppError.validation('estimation_id', 'is required', 'REQUIRED');
  const include = {
    cross_sells: flag(p, 'include_cross_sells') ?? true,
    upsells: flag(p, 'include_upsells') ?? true,
    promotions: flag(p, 'include_promotions') ?? true,
    reward_offers: flag(p, 'include_reward_offers') ?? true,
  };
  flag(p, 'include_creatives');
  const catalogues = csv(p.get('order_catalogue_ids')) ?? [];
  if (catalogues.length > 10) throw AppError.validation('order_catalogue_ids', 'at most 10', 'TOO_MANY');
  if (!isUuid(estimationId)) throw recordNotFound(ESTIMATE, estimationId);
  const data = await ctx.gateway.run(ESTIMATE_PRODUCTS, { id: canonicalPathId(estimationId) }, snakeCaseFields);
  const estimate = data['orderEstimate'] as { lines: { productId: string }[] } | null;
  if (!estimate) throw recordNotFound(ESTIMATE, estimationId);
  const inOrder = new Set(estimate.lines.map((l) => l.productId));
  const found = inOrder.size === 0 ? [] : await rules(ctx, { sourceProductIds: [...inOrder] });

  const idsOf = (kind: RecommendationKind) => [
    ...new Set(found.filter((r) => r.kind === kind).flatMap((r) => r.productIds.filter((id) => !inOrder.has(id)))),
  ];
  const wanted = [...new Set([...(include.upsells ? idsOf('UPSELL') : []), ...(include.cross_sells ? idsOf('CROSS_SELL') : [])])];
  let products = await enabledProducts(ctx, wanted);
  if (catalogues.length > 0) {
    // only what one of the catalogues offers
    const offered = new Map<string, GqlProduct>();
    for (const c of catalogues) for (const [id, x] of await enabledProducts(ctx, [...products.keys()], c)) offered.set(id, x);
    products = offered;
  }
  const listed = (kind: RecommendationKind) =>
    idsOf(kind)
      .map((id) => products.get(id))
      .filter((x): x is GqlProduct => x !== undefined)
      .map(toOrderRecommended);
  sendJson(ctx.res, 200, {
    ...(include.cross_sells ? { cross_sells: listed('CROSS_SELL') } : {}),
    ...(include.upsells ? { upsells: listed('UPSELL') } : {}),
    ...(include.promotions ? { promotions: [] } : {}),
    ...(include.reward_offers ? { reward_offers: [] } : {}),
  });
};

function route(
  path: string,
  handler: Handler,
  operations: RestRoute['operations'],
  d: { operationId: string; summary: string; description: string; query: string[]; schema: string },
): RestRoute {
  return {
    method: 'GET',
    path,
    handler,
    operations,
    doc: {
      operationId: d.operationId,
      summary: d.summary,
      description: `${d.description} ${WHO}`,
      tag: TAG,
      audience: 'contactOrSecret',
      reads: true,
      query: d.query,
      notFound: 'RecordNotFound',
      success: { status: 200, description: d.summary, schema: d.schema },
    },
  };
}

const str = (name: string, description: string) => query(name, { type: 'string' }, description);
const bool = (name: string, description: string) => query(name, { type: 'boolean' }, description);

/** The Recommendations tag: products, services and order up-sells / cross-sells, from the catalogue's recommendation rules. */
export const resource = defineResource({
  family: 'self-service',
  name: 'recommendations',
  pathParameters: {},
  openapi: {
    tags: [
      { name: TAG, description: 'Products, services and order up-sells / cross-sells the business recommends (Back-Office recommendation rules).' },
    ],
    parameters: {
      ...ignoredParameters(SERVICE_IGNORED),
      RecCategoryId: str('category_id', 'Only this recommendation category (a PRODUCTS rule id).'),
      RecCategoryType: query('category_type', { type: 'string', enum: [...RECOMMENDATION_CATEGORY_TYPES] }, 'Only categories of this type.'),
      RecContactId: str('contact_id', 'The contact recommended to (must be visible to the caller). Services it holds are not recommended again.'),
      RecSize: query('size', { type: 'integer', minimum: 1, maximum: 100, default: 10 }, 'Products per category (has_more tells there are more).'),
      RecProductId: str('product_id', 'Recommend services on this product (e.g. the one subscribed to).'),
      RecServiceId: str('service_id', "Recommend services on this service's product."),
      RecPriceTermsId: str('price_terms_id', 'Only this price.'),
      RecBillingModel: query('billing_model', { type: 'string', enum: ['PRE_BILL', 'POST_BILL'] }, 'Only prices of this billing model.'),
      RecBillingDuration: query('billing_period_duration', { type: 'integer', minimum: 1 }, 'Only prices of this billing period duration.'),
      RecBillingUot: str('billing_period_uot', 'Only prices of this billing period unit.'),
      RecSearch: str('search_value', 'Part of the name or SKU.'),
      RecComposition: query('type_composition', { type: 'string', enum: [...COMPOSITIONS] }, 'Only services of this composition.'),
      RecSort: query('sort', { type: 'string', enum: ['CREATED_DATE', 'NAME'] }, 'Sort attribute; absent = the rules’ order.'),
      RecOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, 'Sort direction (with sort).'),
      RecEstimationId: { ...str('estimation_id', 'The order estimate whose products the recommendations are for.'), required: true },
      RecIncludeCrossSells: bool('include_cross_sells', 'Include cross-sells (default true).'),
      RecIncludeUpsells: bool('include_upsells', 'Include up-sells (default true).'),
      RecIncludePromotions: bool('include_promotions', 'Include promotions (default true; none yet).'),
      RecIncludeRewardOffers: bool('include_reward_offers', 'Include reward offers (default true; none yet).'),
      RecIncludeCreatives: bool('include_creatives', 'Accepted; no creatives yet.'),
      RecOrderCatalogueIds: str('order_catalogue_ids', 'Comma-separated order catalogue ids: only products one of them offers.'),
    },
    responseSchemas: [
      { name: 'ProductRecommendation', schema: productRecommendationResponse },
      { name: 'ServiceRecommendation', schema: serviceRecommendationResponse },
      { name: 'OrderRecommendation', schema: orderRecommendationResponse },
    ],
  },
  routes: [
    route(`${SS}/products/recommendation`, productRecommendation, [LIST_RULES, LIST_PRODUCTS, RECOMMENDATION_CONTACT], {
      operationId: 'getProductRecommendationSS',
      summary: 'Product recommendation',
      description: 'Each live PRODUCTS recommendation rule as a category with its enabled products in order (up to size).',
      query: ['RecCategoryId', 'RecCategoryType', 'RecContactId', 'RecSize'],
      schema: 'ProductRecommendation',
    }),
    route(`${SS}/services/recommendation`, serviceRecommendation, [LIST_RULES, LIST_PRODUCTS, SERVICE_PRODUCT, CONTACT_SERVICE_PRODUCTS], {
      operationId: 'getServiceRecommendationSS',
      summary: 'Service recommendation',
      description:
        "Services (TERMED or USAGE) to subscribe to: those the SERVICES rules recommend on the product of service_id or product_id; without either, those of rules with no source, or every enabled termed service. The contact's own live services and the source are left out.",
      query: [
        'RecContactId',
        'RecProductId',
        'RecServiceId',
        'RecPriceTermsId',
        'RecBillingModel',
        'RecBillingDuration',
        'RecBillingUot',
        'RecSearch',
        'RecComposition',
        'RecSort',
        'RecOrder',
        'Page',
        'Size',
        'IncludeTotal',
        ...SERVICE_IGNORED.map(ignoredName),
      ],
      schema: 'ServiceRecommendation',
    }),
    route(`${SS}/orders/recommendation`, orderRecommendation, [ESTIMATE_PRODUCTS, LIST_RULES, LIST_PRODUCTS], {
      operationId: 'getOrderRecommendationSS',
      summary: 'Order product recommendation',
      description:
        'Up-sells and cross-sells of the products of an order estimate (a contact reads its own estimates only), not already in it, from the live UPSELL / CROSS_SELL rules. Promotions and reward offers are always empty (no promotions engine yet).',
      query: [
        'RecEstimationId',
        'RecIncludeCrossSells',
        'RecIncludeUpsells',
        'RecIncludePromotions',
        'RecIncludeRewardOffers',
        'RecIncludeCreatives',
        'RecOrderCatalogueIds',
      ],
      schema: 'OrderRecommendation',
    }),
  ],
});
