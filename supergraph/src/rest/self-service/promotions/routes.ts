import type { NotFoundSubject } from '@crm/platform/errors';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { GET_PROMOTION, LIST_PROMOTIONS, type GqlPromotion } from '../../domains/passes/operations';
import { promotionFields, toSelfServicePromotion } from '../../domains/passes/mapper';
import { selfServicePromotionListResponse, selfServicePromotionResponse } from '../../domains/passes/schemas';
import { passesParameters } from '../../domains/passes/openapi';

const TAG = 'Promotions';
const SUBJECT = 'promotion' as NotFoundSubject;

/** GET /self-service/v2/promotions: ACTIVE promotions available now. */
const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'organisations', 'promotion_tags', 'search_value', 'order', 'sort']);
  const paging = parsePaging(params);
  const order = params.get('order') ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_VALUE');
  if ((params.get('sort') ?? 'CREATED_DATE') !== 'CREATED_DATE') throw AppError.validation('sort', 'only CREATED_DATE is supported', 'INVALID_VALUE');
  const data = await ctx.gateway.run(
    LIST_PROMOTIONS,
    {
      search: params.get('search_value') ?? null,
      tag: params.get('promotion_tags') ?? null,
      organisationId: params.get('organisations') ?? null,
      state: 'ACTIVE',
      ascending: order === 'ASC',
      page: paging.page,
      size: paging.size,
    },
    promotionFields,
  );
  sendJson(
    ctx.res,
    200,
    pageEnvelope(paging, data['promotions'] as { items: GqlPromotion[]; total: number }, (p) => toSelfServicePromotion(p, false)),
  );
};

const get: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_PROMOTION, { id: canonicalPathId(raw) }, promotionFields);
  const found = data['promotion'] as GqlPromotion | null;
  if (!found || found.state !== 'ACTIVE') throw recordNotFound(SUBJECT, raw);
  sendJson(ctx.res, 200, toSelfServicePromotion(found, true));
};

/** Promotions: what the business promotes to its contacts. */
export const resource = defineResource({
  family: 'self-service',
  name: 'promotions',
  pathParameters: { id: 'PromotionId' },
  openapi: {
    tags: [{ name: TAG, description: 'The ACTIVE promotions (the rewards domain).' }],
    parameters: passesParameters,
    responseSchemas: [
      { name: 'PromotionListSS', schema: selfServicePromotionListResponse },
      { name: 'PromotionSS', schema: selfServicePromotionResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/promotions',
      handler: list,
      operations: [LIST_PROMOTIONS],
      pathParameters: {},
      doc: {
        operationId: 'listPromotionsSS',
        summary: 'List promotions',
        description: 'The contract names no credential: the api_key names the tenant.',
        tag: TAG,
        audience: 'apiKeyOnly',
        query: [
          'PromotionOrganisationsQuery',
          'PromotionTagsQuery',
          'PassSearchQuery',
          'PassOrderQuery',
          'Page',
          'Size',
          'IncludeTotal',
          'PassSortQuery',
        ],
        reads: true,
        success: { status: 200, description: 'A page of ACTIVE promotions available now.', schema: 'PromotionListSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/promotions/:id',
      handler: get,
      operations: [GET_PROMOTION],
      doc: {
        operationId: 'getPromotionSS',
        summary: 'Get a promotion',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The promotion.', schema: 'PromotionSS' },
      },
    },
  ],
});
