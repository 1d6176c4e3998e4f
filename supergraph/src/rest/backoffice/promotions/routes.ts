import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CREATE_PROMOTION,
  DELETE_PROMOTION,
  GET_PROMOTION,
  LIST_PROMOTIONS,
  UPDATE_PROMOTION,
  type GqlPromotion,
} from '../../domains/passes/operations';
import { promotionBody } from '../../domains/passes/bodies';
import { promotionFields, promotionInput, toBackOfficePromotion } from '../../domains/passes/mapper';
import { backOfficePromotionListResponse, backOfficePromotionResponse } from '../../domains/passes/schemas';
import { passesParameters } from '../../domains/passes/openapi';

const TAG = 'Promotions (Back-Office)';
const SUBJECT = 'promotion' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const create: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(promotionBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE_PROMOTION,
    { input: promotionInput(b), idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createPromotion',
    promotionFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

async function promotionOf(ctx: Parameters<Handler>[0]): Promise<GqlPromotion> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_PROMOTION, { id: canonicalPathId(raw) }, promotionFields);
  const found = data['promotion'] as GqlPromotion | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const get: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficePromotion(await promotionOf(ctx)));
};

const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'search_value', 'promotion_tags', 'organisations']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_PROMOTIONS,
    {
      search: params.get('search_value') ?? null,
      tag: params.get('promotion_tags') ?? null,
      organisationId: params.get('organisations') ?? null,
      state: params.get('state') ?? null,
      ascending: false,
      page: paging.page,
      size: paging.size,
    },
    promotionFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['promotions'] as { items: GqlPromotion[]; total: number }, toBackOfficePromotion));
};

const update: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await promotionOf(ctx);
  const b = validateBody(promotionBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(UPDATE_PROMOTION, { id, input: promotionInput(b) }, 'updatePromotion', promotionFields);
  sendJson(ctx.res, 200, { id });
};

const remove: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await promotionOf(ctx);
  await ctx.gateway.mutate<Payload>(DELETE_PROMOTION, { id }, 'deletePromotion', promotionFields);
  ctx.res.writeHead(204).end();
};

/** Promotions: create, list, read, replace, delete. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'promotions',
  pathParameters: { id: 'PromotionId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description: 'Promotions shown to contacts: name, descriptions, availability window, tags, organisations, the reward offer behind it.',
      },
    ],
    parameters: passesParameters,
    requestSchemas: [{ name: 'PromotionBO', schema: promotionBody }],
    responseSchemas: [
      { name: 'PromotionViewBO', schema: backOfficePromotionResponse },
      { name: 'PromotionListBO', schema: backOfficePromotionListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/promotions',
      handler: create,
      operations: [CREATE_PROMOTION],
      pathParameters: {},
      doc: {
        operationId: 'createPromotionBO',
        summary: 'Create a promotion',
        tag: TAG,
        audience: 'backoffice',
        body: 'PromotionBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/promotions',
      handler: list,
      operations: [LIST_PROMOTIONS],
      pathParameters: {},
      doc: {
        operationId: 'listPromotionsBO',
        summary: 'List promotions',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'PromotionStateQuery', 'PassSearchQuery', 'PromotionTagsQuery', 'PromotionOrganisationsQuery'],
        reads: true,
        success: { status: 200, description: 'A page of promotions, newest first.', schema: 'PromotionListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/promotions/:id',
      handler: get,
      operations: [GET_PROMOTION],
      doc: {
        operationId: 'getPromotionBO',
        summary: 'Get a promotion',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The promotion.', schema: 'PromotionViewBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/promotions/:id',
      handler: update,
      operations: [GET_PROMOTION, UPDATE_PROMOTION],
      doc: {
        operationId: 'updatePromotionBO',
        summary: 'Replace a promotion',
        tag: TAG,
        audience: 'backoffice',
        body: 'PromotionBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/promotions/:id',
      handler: remove,
      operations: [GET_PROMOTION, DELETE_PROMOTION],
      doc: {
        operationId: 'deletePromotionBO',
        summary: 'Delete a promotion',
        tag: TAG,
        audience: 'backoffice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Deleted.' },
      },
    },
  ],
});
