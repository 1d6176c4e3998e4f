import type { NotFoundSubject } from '@crm/platform/errors';
import { SUPPLY_METHODS } from '@crm/event-bus/contracts/catalogue';
import { param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  LIST_ORDER_CATALOGUES,
  ORDER_CATALOGUE_CATEGORIES,
  type GqlGroup,
  type GqlOrderCatalogue,
  type GqlPage,
} from '../../domains/catalogue/operations';
import { compact, pageOf, toOrderCatalogue } from '../../domains/catalogue/mapper';
import { catalogueQueryParameters, csv, epochParam, ignoredName, ignoredParameters, listArgs, oneOf } from '../../domains/catalogue/query';
import { catalogueCategoryListResponse, orderCatalogueListResponse } from '../../domains/catalogue/schemas';

const TAG = 'Order Catalogues';
const SS = '/self-service/v2/order_catalogues';
const SUBJECT = 'order catalogue' as NotFoundSubject;
const LIST_IGNORED = ['fulfilled_by'];
const CATEGORIES_IGNORED = ['return_all', 'search_value'];

/** GET /self-service/v2/order_catalogues: filters by ids, name, supply method and the time of ordering (time availability). */
const listOrderCatalogues: Handler = async (ctx) => {
  const args = listArgs(ctx, ['order_catalog_ids', 'ordering_time', 'search_value', 'supply_method'], LIST_IGNORED);
  const p = args.params;
  const filter = {
    ids: csv(p.get('order_catalog_ids')),
    search: p.get('search_value'),
    supplyMethod: oneOf('supply_method', p.get('supply_method'), SUPPLY_METHODS),
    orderingTime: epochParam('ordering_time', p.get('ordering_time'))?.toISOString(),
  };
  const data = await ctx.gateway.run(LIST_ORDER_CATALOGUES, { filter, page: args.page }, snakeCaseFields);
  sendJson(ctx.res, 200, pageOf(data['orderCatalogues'] as GqlPage<GqlOrderCatalogue>, args.paging, toOrderCatalogue));
};

/** GET /self-service/v2/order_catalogues/{id}/categories: its categories, each with the enabled catalogue products in it (paged here). */
const listCategories: Handler = async (ctx) => {
  const args = listArgs(ctx, ['parent_id'], CATEGORIES_IGNORED);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const id = canonicalPathId(raw);
  const data = await ctx.gateway.run(ORDER_CATALOGUE_CATEGORIES, { id, parentId: args.params.get('parent_id') ?? null }, snakeCaseFields);
  const all = data['orderCatalogueCategories'] as { category: GqlGroup; products: { id: string; sku: string; name: string }[] }[] | null;
  if (!all) throw recordNotFound(SUBJECT, id);
  const sorted = args.page.sort === 'NAME' ? [...all].sort((a, b) => a.category.name.localeCompare(b.category.name)) : all;
  const ordered = args.page.order === 'DESC' && args.page.sort === 'NAME' ? sorted.reverse() : sorted;
  const start = args.page.offset;
  const items = ordered.slice(start, start + args.page.limit);
  const page = { items, hasMore: ordered.length > start + args.page.limit, total: ordered.length };
  sendJson(
    ctx.res,
    200,
    pageOf(page, args.paging, ({ category, products }) =>
      compact({
        id: category.id,
        name: category.name,
        description: category.description,
        code: category.code,
        parent: category.parentId ? { id: category.parentId } : undefined,
        child_nodes: category.childCount,
        products: products.map((p, i) => ({ id: p.id, priority: i + 1, product: { id: p.id, name: p.name, sku: p.sku } })),
      }),
    ),
  );
};

/** Order catalogues as contacts (or a server with the secret key) read them. */
export const resource = defineResource({
  family: 'self-service',
  name: 'order-catalogues',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [
      { name: TAG, description: 'What contacts order from: catalogues with supply methods and time availability, their categories and products.' },
    ],
    parameters: { ...catalogueQueryParameters, ...ignoredParameters([...LIST_IGNORED, ...CATEGORIES_IGNORED]) },
    responseSchemas: [
      { name: 'OrderCatalogueList', schema: orderCatalogueListResponse },
      { name: 'OrderCatalogueCategoryList', schema: catalogueCategoryListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: SS,
      handler: listOrderCatalogues,
      operations: [LIST_ORDER_CATALOGUES],
      doc: {
        operationId: 'listOrderCataloguesSS',
        summary: 'List order catalogues',
        description: 'ordering_time (epoch seconds) keeps the catalogues open at that time (slots read in UTC).',
        tag: TAG,
        audience: 'contactOrSecret',
        reads: true,
        query: [
          'Page',
          'Size',
          'CatalogueOrder',
          'CatalogueSort',
          'OrderCatalogIdsFilter',
          'OrderingTimeFilter',
          'CatalogueSearchValue',
          'SupplyMethodFilter',
          ...LIST_IGNORED.map(ignoredName),
        ],
        success: { status: 200, description: 'A page of order catalogues.', schema: 'OrderCatalogueList' },
      },
    },
    {
      method: 'GET',
      path: `${SS}/:id/categories`,
      handler: listCategories,
      operations: [ORDER_CATALOGUE_CATEGORIES],
      doc: {
        operationId: 'listOrderCatalogueCategoriesSS',
        summary: 'List the categories of an order catalogue',
        description: 'Each category with the enabled products the catalogue offers in it.',
        tag: TAG,
        audience: 'contactOrSecret',
        reads: true,
        notFound: 'RecordNotFound',
        query: ['Page', 'Size', 'IncludeTotal', 'CatalogueOrder', 'CatalogueSort', 'ParentIdFilter', ...CATEGORIES_IGNORED.map(ignoredName)],
        success: { status: 200, description: 'A page of categories.', schema: 'OrderCatalogueCategoryList' },
      },
    },
  ],
});
