import type { NotFoundSubject } from '@crm/platform/errors';
import { SUPPLY_METHODS } from '@crm/event-bus/contracts/catalogue';
import { noQuery, param, sendJson, type Handler, type RestContext } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { canonicalPathId, idempotencyKeyOf, isUuid } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CREATE_ORDER_CATALOGUE,
  GET_ORDER_CATALOGUE,
  LIST_ORDER_CATALOGUES,
  UPDATE_ORDER_CATALOGUE,
  type GqlOrderCatalogue,
  type GqlPage,
  type GqlPayload,
} from '../../domains/catalogue/operations';
import { orderCatalogueBody, updateOrderCatalogueBody } from '../../domains/catalogue/bodies';
import { pageOf, toBackOfficeOrderCatalogue } from '../../domains/catalogue/mapper';
import { catalogueQueryParameters, docOf, listArgs, oneOf } from '../../domains/catalogue/query';
import { backOfficeOrderCatalogueListResponse, backOfficeOrderCatalogueResponse } from '../../domains/catalogue/schemas';

const TAG = 'Order catalogues';
const BO = '/backoffice/v2/order_catalogues';
/** ORDER_CATALOGUE_NOT_FOUND is catalogued by catalogue-read and catalogue-write. */
const SUBJECT = 'order catalogue' as NotFoundSubject;

/** The GraphQL input of a catalogue body (absent fields stay absent). */
function inputOf(b: Partial<ReturnType<typeof orderCatalogueBody.parse>>) {
  return {
    name: b.name,
    description: b.description,
    supplyMethods: b.supply_methods,
    productIds: b.products,
    categoryIds: b.categories,
    timeAvailability: b.time_availability?.map((s) => ({ dayOfWeek: s.day_of_week, startTime: s.start_time ?? null, endTime: s.end_time ?? null })),
  };
}

function catalogueId(ctx: RestContext): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  return canonicalPathId(raw);
}

/** POST /backoffice/v2/order_catalogues `{name, supply_methods[], products[] | categories[]}` → 201 `{id}`. */
const createOrderCatalogue: Handler = async (ctx) => {
  noQuery(ctx);
  const input = inputOf(validateBody(orderCatalogueBody, await ctx.readBody()));
  const payload = await ctx.gateway.mutate<GqlPayload>(
    CREATE_ORDER_CATALOGUE,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createOrderCatalogue',
    snakeCaseFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

const listOrderCatalogues: Handler = async (ctx) => {
  const args = listArgs(ctx, ['search_value', 'supply_method']);
  const filter = { search: args.params.get('search_value'), supplyMethod: oneOf('supply_method', args.params.get('supply_method'), SUPPLY_METHODS) };
  const data = await ctx.gateway.run(LIST_ORDER_CATALOGUES, { filter, page: args.page }, snakeCaseFields);
  sendJson(ctx.res, 200, pageOf(data['orderCatalogues'] as GqlPage<GqlOrderCatalogue>, args.paging, toBackOfficeOrderCatalogue));
};

/** PUT /backoffice/v2/order_catalogues/{id} → 200 `{id}`. */
const updateOrderCatalogue: Handler = async (ctx) => {
  noQuery(ctx);
  const id = catalogueId(ctx);
  const input = inputOf(validateBody(updateOrderCatalogueBody, await ctx.readBody()));
  await ctx.gateway.mutate<GqlPayload>(UPDATE_ORDER_CATALOGUE, { id, input }, 'updateOrderCatalogue', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

const getOrderCatalogue: Handler = async (ctx) => {
  noQuery(ctx);
  const id = catalogueId(ctx);
  const data = await ctx.gateway.run(GET_ORDER_CATALOGUE, { id }, snakeCaseFields);
  const found = data['orderCatalogue'] as GqlOrderCatalogue | null | undefined;
  if (!found) throw recordNotFound(SUBJECT, id);
  sendJson(ctx.res, 200, toBackOfficeOrderCatalogue(found));
};

const doc = docOf(TAG);

/** Order catalogues: create, list, read, update. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'order-catalogues',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'What contacts order from: products or categories, supply methods, time availability (the catalogue domain).' }],
    parameters: catalogueQueryParameters,
    requestSchemas: [
      { name: 'OrderCatalogueRequest', schema: orderCatalogueBody },
      { name: 'OrderCatalogueUpdateRequest', schema: updateOrderCatalogueBody },
    ],
    responseSchemas: [
      { name: 'BackOfficeOrderCatalogue', schema: backOfficeOrderCatalogueResponse },
      { name: 'BackOfficeOrderCatalogueList', schema: backOfficeOrderCatalogueListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: BO,
      handler: createOrderCatalogue,
      operations: [CREATE_ORDER_CATALOGUE],
      doc: {
        ...doc(
          'createOrderCatalogueBO',
          'Create an order catalogue',
          'Needs catalogue.write. Lists products or categories (not both); time slots are HH:MM, end after start.',
        ),
        body: 'OrderCatalogueRequest',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created; the id of the catalogue.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: BO,
      handler: listOrderCatalogues,
      operations: [LIST_ORDER_CATALOGUES],
      doc: {
        ...doc('listOrderCataloguesBO', 'List order catalogues', 'Needs catalogue.read.'),
        query: ['Page', 'Size', 'IncludeTotal', 'CatalogueOrder', 'CatalogueSort', 'CatalogueSearchValue', 'SupplyMethodFilter'],
        reads: true,
        success: { status: 200, description: 'A page of order catalogues.', schema: 'BackOfficeOrderCatalogueList' },
      },
    },
    {
      method: 'GET',
      path: `${BO}/:id`,
      handler: getOrderCatalogue,
      operations: [GET_ORDER_CATALOGUE],
      doc: {
        ...doc('getOrderCatalogueBO', 'Get an order catalogue', 'Needs catalogue.read.'),
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The order catalogue.', schema: 'BackOfficeOrderCatalogue' },
      },
    },
    {
      method: 'PUT',
      path: `${BO}/:id`,
      handler: updateOrderCatalogue,
      operations: [UPDATE_ORDER_CATALOGUE],
      doc: {
        ...doc(
          'updateOrderCatalogueBO',
          'Update an order catalogue',
          'Needs catalogue.write. Absent fields are unchanged; the result must list products or categories, not both.',
        ),
        body: 'OrderCatalogueUpdateRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Updated; the id of the catalogue.', schema: 'IdResult' },
      },
    },
  ],
});
