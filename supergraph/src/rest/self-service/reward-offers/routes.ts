import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  GET_REWARD_OFFER,
  LIST_REWARD_OFFERS,
  REWARD_MERCHANTS,
  REWARD_OFFER_PERFORMANCE,
  type GqlRewardOffer,
} from '../../domains/rewards/operations';
import {
  merchantListResponse,
  offerPerformanceResponse,
  selfServiceOfferListResponse,
  selfServiceOfferResponse,
} from '../../domains/rewards/schemas';
import { toSelfServiceOffer } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';

const TAG = 'Reward Offers';
const SUBJECT = 'reward offer' as NotFoundSubject;

/** GET /self-service/v2/reward_offers: the ACTIVE offers, newest first. */
const listOffers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, PAGING_PARAMS);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(LIST_REWARD_OFFERS, { schemeId: null, state: 'ACTIVE', page: paging.page, size: paging.size }, snakeCaseFields);
  sendJson(ctx.res, 200, pageEnvelope(paging, data['rewardOffers'] as { items: GqlRewardOffer[]; total: number }, toSelfServiceOffer));
};

const getOffer: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_REWARD_OFFER, { id: canonicalPathId(raw) }, snakeCaseFields);
  const found = data['rewardOffer'] as GqlRewardOffer | null;
  if (!found || found.state !== 'ACTIVE') throw recordNotFound(SUBJECT, raw);
  sendJson(ctx.res, 200, toSelfServiceOffer(found));
};

/** GET /self-service/v2/reward_offers/{id}/performance: what the offer has awarded the contact, against its per-contact cap. */
const performance: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(REWARD_OFFER_PERFORMANCE, { id: canonicalPathId(raw), contactId: null }, snakeCaseFields);
  const p = data['rewardOfferPerformance'] as { type: string; current: string; target: string | null; progress: number | null } | null;
  if (!p) throw recordNotFound(SUBJECT, raw);
  sendJson(ctx.res, 200, {
    type: p.type,
    current: Number(p.current),
    ...(p.target !== null ? { target: Number(p.target) } : {}),
    ...(p.progress !== null ? { progress: p.progress } : {}),
  });
};

/** GET /self-service/v2/rewards/merchants: the organisations the active offers name (ids; names live with identity). */
const merchants: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, PAGING_PARAMS);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(REWARD_MERCHANTS, {}, snakeCaseFields);
  const all = data['rewardMerchants'] as string[];
  const start = (paging.page - 1) * paging.size;
  sendJson(
    ctx.res,
    200,
    pageEnvelope(paging, { items: all.slice(start, start + paging.size), total: all.length }, (id) => ({ id })),
  );
};

/** Reward Offers: the active offers a contact can earn. */
export const resource = defineResource({
  family: 'self-service',
  name: 'reward-offers',
  pathParameters: { id: 'RewardOfferId' },
  openapi: {
    tags: [{ name: TAG, description: 'The active reward offers (the rewards domain).' }],
    parameters: rewardsParameters,
    responseSchemas: [
      { name: 'RewardOfferListSS', schema: selfServiceOfferListResponse },
      { name: 'RewardOfferSS', schema: selfServiceOfferResponse },
      { name: 'RewardOfferPerformanceSS', schema: offerPerformanceResponse },
      { name: 'RewardMerchantListSS', schema: merchantListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/reward_offers',
      handler: listOffers,
      operations: [LIST_REWARD_OFFERS],
      pathParameters: {},
      doc: {
        operationId: 'listRewardOffersSS',
        summary: 'List reward offers',
        tag: TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'A page of active offers.', schema: 'RewardOfferListSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/reward_offers/:id',
      handler: getOffer,
      operations: [GET_REWARD_OFFER],
      doc: {
        operationId: 'getRewardOfferSS',
        summary: 'Get a reward offer',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The offer.', schema: 'RewardOfferSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/reward_offers/:id/performance',
      handler: performance,
      operations: [REWARD_OFFER_PERFORMANCE],
      doc: {
        operationId: 'getRewardOfferPerformanceSS',
        summary: 'A reward offer’s performance for the contact',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Awarded so far (AMOUNT) and the per-contact cap as the target.', schema: 'RewardOfferPerformanceSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/rewards/merchants',
      handler: merchants,
      operations: [REWARD_MERCHANTS],
      pathParameters: {},
      doc: {
        operationId: 'listRewardMerchantsSS',
        summary: 'List the merchants of the rewards programme',
        tag: TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal'],
        reads: true,
        success: { status: 200, description: 'The organisations the active offers name.', schema: 'RewardMerchantListSS' },
      },
    },
  ],
});
