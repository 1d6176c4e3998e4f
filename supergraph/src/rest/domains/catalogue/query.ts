import { AppError } from '@crm/platform/errors';
import { CLASSIFICATIONS, COMPOSITIONS, SUPPLY_METHODS } from '@crm/event-bus/contracts/catalogue';
import type { RestContext } from '../../kit/context';
import { query, CASE_INSENSITIVE } from '../../kit/openapi';
import { integer, parsePaging, PAGING_PARAMS, type Paging } from '../../kit/paging';
import { queryParams } from '../../kit/request';

type Json = Record<string, unknown>;

/** The query parameters the catalogue routes take (OpenAPI components, besides Page, Size, IncludeTotal). */
export const catalogueQueryParameters: Record<string, Json> = {
  CatalogueSearchValue: query('search_value', { type: 'string', maxLength: 200 }, 'Part of the name (or SKU / code).'),
  CatalogueOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, `Sort direction. ${CASE_INSENSITIVE}`),
  CatalogueSort: query('sort', { type: 'string', enum: ['CREATED_DATE', 'NAME'], default: 'CREATED_DATE' }, `Sort attribute. ${CASE_INSENSITIVE}`),
  ProductClassificationFilter: query('classification', { type: 'string', enum: [...CLASSIFICATIONS] }, 'Only products of this classification.'),
  ProductBrandFilter: query('brand_id', { type: 'string' }, 'Only products of this brand.'),
  ProductTypeFilter: query('type_id', { type: 'string' }, 'Only products of this type.'),
  ProductFamilyFilter: query('family_id', { type: 'string' }, 'Only products of this family.'),
  ProductCategoryFilter: query('category_id', { type: 'string' }, 'Only products in this category.'),
  ProductCurrencyFilter: query('currency', { type: 'string', maxLength: 3 }, 'Only products with a price in this currency.'),
  ProductIdsFilter: query('product_ids', { type: 'string' }, 'Comma-separated product ids.'),
  ProductSkusFilter: query('product_skus', { type: 'string' }, 'Comma-separated SKUs.'),
  OrderCatalogFilter: query('order_catalog_id', { type: 'string' }, 'Only the products this order catalogue offers.'),
  ProductCompositionFilter: query('composition', { type: 'string', enum: [...COMPOSITIONS] }, 'Only products of this composition.'),
  ProductNameFilter: query('name', { type: 'string', maxLength: 200 }, 'Part of the name or SKU (as search_value).'),
  BrandIdsFilter: query('brand_ids', { type: 'string' }, 'Comma-separated brand ids.'),
  ParentIdFilter: query('parent_id', { type: 'string' }, 'Only the categories under this parent.'),
  ClassificationsFilter: query('classifications', { type: 'string' }, 'Comma-separated classifications.'),
  OrderCatalogIdsFilter: query('order_catalog_ids', { type: 'string' }, 'Comma-separated order catalogue ids.'),
  SupplyMethodFilter: query('supply_method', { type: 'string', enum: [...SUPPLY_METHODS] }, 'Only catalogues with this supply method.'),
  OrderingTimeFilter: query(
    'ordering_time',
    { type: 'integer', minimum: 0 },
    'Only catalogues open at this time (epoch seconds; slots read in UTC).',
  ),
};

export const PRODUCT_LIST_QUERY = [
  'Page',
  'Size',
  'IncludeTotal',
  'CatalogueOrder',
  'CatalogueSort',
  'CatalogueSearchValue',
  'ProductClassificationFilter',
  'ProductBrandFilter',
  'ProductTypeFilter',
  'ProductFamilyFilter',
  'ProductCategoryFilter',
  'ProductCurrencyFilter',
  'ProductIdsFilter',
  'ProductSkusFilter',
  'OrderCatalogFilter',
];
const PRODUCT_PARAMS = [
  'order',
  'sort',
  'search_value',
  'classification',
  'brand_id',
  'type_id',
  'family_id',
  'category_id',
  'currency',
  'product_ids',
  'product_skus',
  'order_catalog_id',
] as const;

export interface ListArgs {
  paging: Paging;
  params: Map<string, string>;
  page: { offset: number; limit: number; withTotal: boolean; sort: 'CREATED_DATE' | 'NAME'; order: 'ASC' | 'DESC' };
}

const csv = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

function oneOf<T extends string>(name: string, raw: string | undefined, values: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim().toUpperCase();
  if (!(values as readonly string[]).includes(v)) throw AppError.validation(name, `must be one of ${values.join(', ')}`, 'INVALID_ENUM');
  return v as T;
}

/**
 * Parameters the contract declares for a route that we accept and ignore (no stock, sales models,
 * custom fields or characteristics search yet); documented as such in the OpenAPI document.
 */
export function ignoredParameters(names: readonly string[]): Record<string, Json> {
  return Object.fromEntries(names.map((n) => [ignoredName(n), query(n, { type: 'string' }, 'Accepted for CRM.COM compatibility and ignored.')]));
}
export const ignoredName = (n: string) => `CatalogueIgnored_${n}`;

/** Paging, sort and order plus the given filters of a list route (unknown parameters: 400). */
export function listArgs(ctx: RestContext, filters: readonly string[], ignored: readonly string[] = []): ListArgs {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'order', 'sort', ...filters, ...ignored]);
  const paging = parsePaging(params);
  const sort = oneOf('sort', params.get('sort'), ['CREATED_DATE', 'NAME'] as const) ?? 'CREATED_DATE';
  const order = oneOf('order', params.get('order'), ['ASC', 'DESC'] as const) ?? 'DESC';
  return { paging, params, page: { offset: (paging.page - 1) * paging.size, limit: paging.size, withTotal: paging.includeTotal, sort, order } };
}

/** GET /products filters → the GraphQL ProductFilterInput. */
export function productListArgs(ctx: RestContext, extra: readonly string[] = [], ignored: readonly string[] = []): ListArgs & { filter: Json } {
  const args = listArgs(ctx, [...PRODUCT_PARAMS, ...extra], ignored);
  const p = args.params;
  const filter: Json = {
    search: p.get('search_value') ?? p.get('name'),
    composition: oneOf('composition', p.get('composition'), COMPOSITIONS),
    classification: oneOf('classification', p.get('classification'), CLASSIFICATIONS),
    brandId: p.get('brand_id'),
    typeId: p.get('type_id'),
    familyId: p.get('family_id'),
    categoryId: p.get('category_id'),
    currencyCode: p.get('currency'),
    ids: csv(p.get('product_ids')),
    skus: csv(p.get('product_skus')),
    orderCatalogueId: p.get('order_catalog_id'),
  };
  return { ...args, filter };
}

export const epochParam = (name: string, raw: string | undefined): Date | undefined =>
  raw === undefined ? undefined : new Date(integer(name, raw, 0, 253_402_300_799) * 1000);
export { csv, oneOf };

/** The head of a catalogue route's OpenAPI operation (operation id, summary, description, tag, audience). */
export const docOf =
  (tag: string, audience: 'backoffice' | 'contactOrSecret' | 'contact' = 'backoffice') =>
  (operationId: string, summary: string, description: string) => ({ operationId, summary, description, tag, audience });
