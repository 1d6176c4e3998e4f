import type { NotFoundSubject } from '@crm/platform/errors';
import { CLASSIFICATIONS, type GroupKind } from '@crm/event-bus/contracts/catalogue';
import { param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource, type RestRoute } from '../../kit/resource';
import { GET_PRODUCT, LIST_GROUPS, LIST_PRODUCTS, type GqlGroup, type GqlPage, type GqlProduct } from '../../domains/catalogue/operations';
import {
  compact,
  groupsOf,
  toCompositionItem,
  pageOf,
  toGroup,
  toPricing,
  toProductDetail,
  toProductListItem,
  toVariant,
} from '../../domains/catalogue/mapper';
import {
  catalogueQueryParameters,
  csv,
  ignoredName,
  ignoredParameters,
  listArgs,
  oneOf,
  PRODUCT_LIST_QUERY,
  productListArgs,
} from '../../domains/catalogue/query';
import {
  componentListResponse,
  groupListResponse,
  productDetailResponse,
  productListResponse,
  variantListResponse,
} from '../../domains/catalogue/schemas';

const TAG = 'Product Catalogue';
const SS = '/self-service/v2/products';
const SUBJECT = 'product' as NotFoundSubject;

// the contract's parameters we accept and ignore, per route
const LIST_IGNORED = [
  'billing_period',
  'billing_period_uot',
  'category_id_exact',
  'characteristics',
  'country',
  'custom_fields',
  'fulfilled_by',
  'include_characteristics',
  'include_custom_fields',
  'includes_one_time_services',
  'instance_model',
  'is_modifier',
  'order_category_id',
  'owned_by',
  'supply_method',
  'validity_date',
];
const GET_IGNORED = ['billing_period', 'billing_period_uot', 'currency', 'fulfilled_by', 'supply_method'];
const COMPONENTS_IGNORED = [
  'billing_period',
  'billing_period_uot',
  'category_id',
  'characteristics',
  'component_set_id',
  'country_code',
  'currency_code',
  'exclude_products',
  'family_id',
  'fulfilled_by',
  'include_characteristics',
  'include_custom_fields',
  'include_stock',
  'product_id',
  'sales_model_id',
  'search_value',
  'service_id',
  'supply_method',
  'type_id',
];
const VARIANTS_IGNORED = [
  'billing_period',
  'billing_period_uot',
  'characteristics',
  'country_code',
  'currency_code',
  'fulfilled_by',
  'include_characteristics',
  'include_stock',
  'sales_model_id',
  'supply_method',
];
const CATEGORIES_IGNORED = ['available_in_order_menus', 'organisation_id', 'return_all'];
const ALL_IGNORED = [...new Set([...LIST_IGNORED, ...GET_IGNORED, ...COMPONENTS_IGNORED, ...VARIANTS_IGNORED, ...CATEGORIES_IGNORED])];

/** An enabled product by path id (a disabled one is not in the contact's catalogue: 404). */
async function enabledProduct(ctx: RestContext): Promise<GqlProduct> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(GET_PRODUCT, { id }, snakeCaseFields);
  const found = data['product'] as GqlProduct | null | undefined;
  if (!found || found.availability !== 'ENABLED') throw recordNotFound(SUBJECT, id);
  return found;
}

async function listEnabled(ctx: RestContext, filter: Record<string, unknown>, limit = 100): Promise<GqlProduct[]> {
  const data = await ctx.gateway.run(
    LIST_PRODUCTS,
    { filter: { ...filter, availability: 'ENABLED' }, page: { limit, order: 'ASC', sort: 'NAME' } },
    snakeCaseFields,
  );
  return (data['products'] as GqlPage<GqlProduct>).items;
}

const listProducts: Handler = async (ctx) => {
  const args = productListArgs(ctx, ['composition', 'name'], LIST_IGNORED);
  const data = await ctx.gateway.run(LIST_PRODUCTS, { filter: { ...args.filter, availability: 'ENABLED' }, page: args.page }, snakeCaseFields);
  sendJson(ctx.res, 200, pageOf(data['products'] as GqlPage<GqlProduct>, args.paging, toProductListItem));
};

const getProduct: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, GET_IGNORED);
  const product = await enabledProduct(ctx);
  sendJson(ctx.res, 200, toProductDetail(product, await groupsOf(ctx, [product])));
};

/** The components of a bundle, each with the enabled products that can fill it (the product, or those of its family / type / category). */
const listComponents: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, COMPONENTS_IGNORED);
  const bundle = await enabledProduct(ctx);
  const filterOf = (itemType: string, itemId: string) =>
    itemType === 'PRODUCT'
      ? { ids: [itemId] }
      : itemType === 'FAMILY'
        ? { familyId: itemId }
        : itemType === 'TYPE'
          ? { typeId: itemId }
          : { categoryId: itemId };
  const out = [];
  for (const c of bundle.components) {
    const products = await listEnabled(ctx, filterOf(c.itemType, c.itemId));
    const item = c.itemType === 'PRODUCT' ? products[0] : undefined;
    out.push(
      compact({
        ...toCompositionItem(c),
        name: item?.name,
        item_classification: item?.classification,
        products: products.map((p) =>
          compact({
            id: p.id,
            sku: p.sku,
            name: p.name,
            description: p.description,
            pricing: p.prices.map((x) => {
              const { currency_code, price_terms, ...rest } = toPricing(x);
              return compact({
                ...rest,
                currency: currency_code,
                rate_model: rest['price_model'],
                price_model: undefined,
                price_terms: price_terms ? [price_terms] : undefined,
              });
            }),
          }),
        ),
      }),
    );
  }
  sendJson(ctx.res, 200, out);
};

const listVariants: Handler = async (ctx) => {
  queryParams(ctx.url.searchParams, VARIANTS_IGNORED);
  const parent = await enabledProduct(ctx);
  const variants = parent.composition === 'COMPOSITE' ? await listEnabled(ctx, { variantOf: parent.id }) : [];
  const groups = await groupsOf(ctx, variants);
  sendJson(
    ctx.res,
    200,
    variants.map((v) => toVariant(v, groups)),
  );
};

const listGroups =
  (kind: GroupKind, filters: string[], ignored: string[] = []): Handler =>
  async (ctx) => {
    const args = listArgs(ctx, filters, ignored);
    const p = args.params;
    const classifications = csv(p.get('classifications'))?.map((c) => oneOf('classifications', c, CLASSIFICATIONS)!);
    const filter = { search: p.get('search_value'), ids: csv(p.get('brand_ids')), parentId: p.get('parent_id'), classifications };
    const data = await ctx.gateway.run(LIST_GROUPS, { kind, filter, page: args.page }, snakeCaseFields);
    const page = data['productGroups'] as GqlPage<GqlGroup>;
    // name the parents of categories (one more query for the page's parents)
    const parentIds = [...new Set(page.items.map((g) => g.parentId).filter((i): i is string => !!i))];
    let parents = new Map<string, GqlGroup>();
    if (parentIds.length > 0) {
      const more = await ctx.gateway.run(LIST_GROUPS, { kind, filter: { ids: parentIds }, page: { limit: 100 } }, snakeCaseFields);
      parents = new Map((more['productGroups'] as GqlPage<GqlGroup>).items.map((g) => [g.id, g]));
    }
    sendJson(
      ctx.res,
      200,
      pageOf(page, args.paging, (g) => toGroup(g, parents)),
    );
  };

const groupQuery = (filters: string[]) => ['Page', 'Size', 'IncludeTotal', 'CatalogueOrder', 'CatalogueSort', ...filters];

function route(
  path: string,
  handler: Handler,
  operations: RestRoute['operations'],
  d: {
    operationId: string;
    summary: string;
    description: string;
    query?: string[];
    schema: string;
    audience: 'contactOrSecret' | 'contact';
    notFound?: boolean;
  },
): RestRoute {
  return {
    method: 'GET',
    path,
    handler,
    operations,
    doc: {
      operationId: d.operationId,
      summary: d.summary,
      description: d.description,
      tag: TAG,
      audience: d.audience,
      reads: true,
      ...(d.query ? { query: d.query } : {}),
      ...(d.notFound ? { notFound: 'RecordNotFound' } : {}),
      success: { status: 200, description: d.summary, schema: d.schema },
    },
  };
}

const ignoredQuery = (names: string[]) => names.map(ignoredName);

/** The product catalogue as a contact (or a server with the secret key) reads it: enabled products, their groups, components and variants. */
export const resource = defineResource({
  family: 'self-service',
  name: 'products',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'The enabled products of the business, with prices (price terms), groups, components and variants.' }],
    parameters: { ...catalogueQueryParameters, ...ignoredParameters(ALL_IGNORED) },
    responseSchemas: [
      { name: 'ProductList', schema: productListResponse },
      { name: 'ProductDetail', schema: productDetailResponse },
      { name: 'ProductComponentList', schema: componentListResponse },
      { name: 'ProductVariantList', schema: variantListResponse },
      { name: 'ProductGroupList', schema: groupListResponse },
    ],
  },
  routes: [
    route(SS, listProducts, [LIST_PRODUCTS], {
      operationId: 'listProductsSS',
      summary: 'List products',
      description: 'Enabled products; filters combine with AND. Contract parameters listed as ignored are accepted and have no effect.',
      query: [...PRODUCT_LIST_QUERY, 'ProductCompositionFilter', 'ProductNameFilter', ...ignoredQuery(LIST_IGNORED)],
      schema: 'ProductList',
      audience: 'contactOrSecret',
    }),
    route(`${SS}/:id`, getProduct, [GET_PRODUCT, LIST_GROUPS], {
      operationId: 'getProductSS',
      summary: 'Get a product',
      description: 'An enabled product with its prices, groups and composition; a disabled one is a 404.',
      query: ignoredQuery(GET_IGNORED),
      schema: 'ProductDetail',
      audience: 'contactOrSecret',
      notFound: true,
    }),
    route(`${SS}/:id/components`, listComponents, [GET_PRODUCT, LIST_PRODUCTS], {
      operationId: 'listProductComponentsSS',
      summary: 'List the components of a bundle',
      description: 'Each component with the enabled products that can fill it (up to 100 each).',
      query: ignoredQuery(COMPONENTS_IGNORED),
      schema: 'ProductComponentList',
      audience: 'contactOrSecret',
      notFound: true,
    }),
    route(`${SS}/:id/variants`, listVariants, [GET_PRODUCT, LIST_PRODUCTS, LIST_GROUPS], {
      operationId: 'listProductVariantsSS',
      summary: 'List the variants of a composite product',
      description: 'The enabled variants (up to 100) of a COMPOSITE product; none for other products.',
      query: ignoredQuery(VARIANTS_IGNORED),
      schema: 'ProductVariantList',
      audience: 'contactOrSecret',
      notFound: true,
    }),
    route(`${SS}/brands`, listGroups('BRAND', ['search_value', 'brand_ids']), [LIST_GROUPS], {
      operationId: 'listProductBrandsSS',
      summary: 'List product brands',
      description: 'Brands of the business.',
      query: groupQuery(['CatalogueSearchValue', 'BrandIdsFilter']),
      schema: 'ProductGroupList',
      audience: 'contact',
    }),
    route(`${SS}/categories`, listGroups('CATEGORY', ['parent_id'], CATEGORIES_IGNORED), [LIST_GROUPS], {
      operationId: 'listProductCategoriesSS',
      summary: 'List product categories',
      description: 'Categories of the business, with their parent and number of child categories.',
      query: groupQuery(['ParentIdFilter', ...ignoredQuery(CATEGORIES_IGNORED)]),
      schema: 'ProductGroupList',
      audience: 'contact',
    }),
    route(`${SS}/types`, listGroups('TYPE', ['search_value', 'classifications']), [LIST_GROUPS], {
      operationId: 'listProductTypesSS',
      summary: 'List product types',
      description: 'Product types of the business, with their classification and composition method.',
      query: groupQuery(['CatalogueSearchValue', 'ClassificationsFilter']),
      schema: 'ProductGroupList',
      audience: 'contact',
    }),
  ],
});
