import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import type { NotFoundSubject } from '@crm/platform/errors';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  ADD_COMPONENT,
  ADD_PRICE,
  CREATE_PRODUCT,
  GET_PRODUCT,
  LIST_GROUPS,
  LIST_PRODUCTS,
  UPDATE_PRODUCT,
  type GqlPage,
  type GqlPayload,
  type GqlProduct,
} from '../../domains/catalogue/operations';
import { componentBody, createProductBody, decimalOf, priceBody, updateProductBody } from '../../domains/catalogue/bodies';
import { groupsOf, pageOf, toBackOfficeProduct, toCompositionItem, toPricing } from '../../domains/catalogue/mapper';
import { catalogueQueryParameters, docOf, PRODUCT_LIST_QUERY, productListArgs } from '../../domains/catalogue/query';
import { backOfficeProductListResponse, backOfficeProductResponse, pricingListResponse } from '../../domains/catalogue/schemas';
import { z } from 'zod';

const TAG = 'Products';
const BO = '/backoffice/v2/products';
/** PRODUCT_NOT_FOUND is catalogued by catalogue-read (src/errors.ts), which the facade loads through the registry. */
const SUBJECT = 'product' as NotFoundSubject;

function productId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return canonicalPathId(raw);
}

async function loadProduct(ctx: RestContext, id: string): Promise<GqlProduct> {
  const data = await ctx.gateway.run(GET_PRODUCT, { id }, snakeCaseFields);
  const found = data['product'] as GqlProduct | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  return found;
}

const createProduct: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(createProductBody, await ctx.readBody());
  const input = {
    sku: b.sku,
    name: b.name,
    classification: b.classification,
    composition: b.composition,
    description: b.description,
    typeId: b.type_id,
    brandId: b.brand_id,
    familyId: b.family_id,
    categoryIds: b.category_ids,
    variantOf: b.variant_of,
    characteristics: b.characteristics,
    availability: b.availability,
    instanceModel: b.instance_model,
    isStockable: b.is_stockable,
    isProvisionable: b.is_provisionable,
    isModifier: b.is_modifier,
    negativeBalanceAllowed: b.negative_balance_allowed,
  };
  const payload = await ctx.gateway.mutate<GqlPayload>(
    CREATE_PRODUCT,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createProduct',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

const updateProduct: Handler = async (ctx) => {
  noQuery(ctx);
  const id = productId(ctx);
  const b = validateBody(updateProductBody, await ctx.readBody());
  const input = {
    name: b.name,
    description: b.description,
    typeId: b.type_id,
    brandId: b.brand_id,
    familyId: b.family_id,
    categoryIds: b.category_ids,
    availability: b.availability,
    instanceModel: b.instance_model,
    isStockable: b.is_stockable,
    isProvisionable: b.is_provisionable,
    isModifier: b.is_modifier,
    negativeBalanceAllowed: b.negative_balance_allowed,
  };
  await ctx.gateway.mutate<GqlPayload>(UPDATE_PRODUCT, { id, input }, 'updateProduct', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

const getProduct: Handler = async (ctx) => {
  noQuery(ctx);
  const product = await loadProduct(ctx, productId(ctx));
  sendJson(ctx.res, 200, toBackOfficeProduct(product, await groupsOf(ctx, [product])));
};

const listProducts: Handler = async (ctx) => {
  const args = productListArgs(ctx);
  const data = await ctx.gateway.run(LIST_PRODUCTS, { filter: args.filter, page: args.page }, snakeCaseFields);
  const page = data['products'] as GqlPage<GqlProduct>;
  const groups = await groupsOf(ctx, page.items);
  sendJson(
    ctx.res,
    200,
    pageOf(page, args.paging, (p) => toBackOfficeProduct(p, groups)),
  );
};

const addPrice: Handler = async (ctx) => {
  noQuery(ctx);
  const id = productId(ctx);
  const b = validateBody(priceBody, await ctx.readBody());
  const t = b.price_terms;
  const input = {
    price: decimalOf(b.price),
    currencyCode: b.currency_code,
    taxModel: b.tax_model,
    priceModel: b.price_model,
    tiers: b.tiers?.map((x) => ({ lower: x.lower_tier, upper: x.upper_tier, price: decimalOf(x.price) })),
    priceTerms: t
      ? {
          billingPeriod: t.billing_period,
          trialPeriod: t.trial_period,
          contractPeriod: t.contract_period,
          autoRenewed: t.auto_renewed,
          billingModel: t.billing_model,
        }
      : undefined,
    supplyMethod: b.supply_method,
    isDefault: b.is_default,
  };
  const payload = await ctx.gateway.mutate<GqlPayload>(
    ADD_PRICE,
    { productId: id, input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'addProductPrice',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

const listPrices: Handler = async (ctx) => {
  noQuery(ctx);
  const product = await loadProduct(ctx, productId(ctx));
  sendJson(ctx.res, 200, { content: product.prices.map(toPricing) });
};

const addComponent: Handler = async (ctx) => {
  noQuery(ctx);
  const id = productId(ctx);
  const b = validateBody(componentBody, await ctx.readBody());
  const input = {
    itemType: b.item_type,
    itemId: b.item_id,
    mandatory: b.mandatory,
    minimumQuantity: b.minimum_quantity,
    maximumQuantity: b.maximum_quantity,
    priceInclusive: b.price_inclusive,
  };
  const payload = await ctx.gateway.mutate<GqlPayload>(ADD_COMPONENT, { productId: id, input }, 'addProductComponent', snakeCaseFields);
  sendJson(ctx.res, 201, { id: payload.id });
};

const listComponents: Handler = async (ctx) => {
  noQuery(ctx);
  const product = await loadProduct(ctx, productId(ctx));
  sendJson(ctx.res, 200, { content: product.components.map(toCompositionItem) });
};

const componentListResponse = z.strictObject({ content: backOfficeProductResponse.shape.composition });
const doc = docOf(TAG);

/** Products, their prices (price terms) and components. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'products',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'The product catalogue: products, prices with their terms, bundle components (the catalogue domain).' }],
    parameters: catalogueQueryParameters,
    requestSchemas: [
      { name: 'ProductRequest', schema: createProductBody },
      { name: 'ProductUpdateRequest', schema: updateProductBody },
      { name: 'PriceRequest', schema: priceBody },
      { name: 'ComponentRequest', schema: componentBody },
    ],
    responseSchemas: [
      { name: 'BackOfficeProduct', schema: backOfficeProductResponse },
      { name: 'BackOfficeProductList', schema: backOfficeProductListResponse },
      { name: 'PricingList', schema: pricingListResponse },
      { name: 'ComponentList', schema: componentListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: BO,
      handler: createProduct,
      operations: [CREATE_PRODUCT],
      doc: {
        ...doc('createProductBO', 'Create a product', 'Needs catalogue.write. A SKU another product has (case-insensitive): 409.'),
        body: 'ProductRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the product.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: BO,
      handler: listProducts,
      operations: [LIST_PRODUCTS, LIST_GROUPS],
      doc: {
        ...doc(
          'listProductsBO',
          'List products',
          'Needs catalogue.read. Filters combine with AND; variants are listed under their composite product.',
        ),
        query: PRODUCT_LIST_QUERY,
        reads: true,
        success: { status: 200, description: 'A page of products.', schema: 'BackOfficeProductList' },
      },
    },
    {
      method: 'GET',
      path: `${BO}/:id`,
      handler: getProduct,
      operations: [GET_PRODUCT, LIST_GROUPS],
      doc: {
        ...doc('getProductBO', 'Get a product', 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The product.', schema: 'BackOfficeProduct' },
      },
    },
    {
      method: 'PUT',
      path: `${BO}/:id`,
      handler: updateProduct,
      operations: [UPDATE_PRODUCT],
      doc: {
        ...doc(
          'updateProductBO',
          'Update a product',
          'Needs catalogue.write. Absent fields are unchanged; null clears description, type, brand and family.',
        ),
        body: 'ProductUpdateRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the product.', schema: 'IdResult' },
      },
    },
    {
      method: 'POST',
      path: `${BO}/:id/prices`,
      handler: addPrice,
      operations: [ADD_PRICE],
      doc: {
        ...doc(
          'addProductPriceBO',
          'Add a price',
          'Needs catalogue.write. The answered id is the price id, the `price_terms_id` clients send. Amounts are kept exactly.',
        ),
        body: 'PriceRequest',
        idempotencyKey: true,
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Created; the price id.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${BO}/:id/prices`,
      handler: listPrices,
      operations: [GET_PRODUCT],
      doc: {
        ...doc('listProductPricesBO', 'List the prices of a product', 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The prices.', schema: 'PricingList' },
      },
    },
    {
      method: 'POST',
      path: `${BO}/:id/components`,
      handler: addComponent,
      operations: [ADD_COMPONENT],
      doc: {
        ...doc(
          'addProductComponentBO',
          'Add a component to a bundle',
          'Needs catalogue.write. Only FLEXIBLE_BUNDLE / FIXED_BUNDLE products have components.',
        ),
        body: 'ComponentRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Created; the component id.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: `${BO}/:id/components`,
      handler: listComponents,
      operations: [GET_PRODUCT],
      doc: {
        ...doc('listProductComponentsBO', 'List the components of a bundle', 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The components.', schema: 'ComponentList' },
      },
    },
  ],
});
