import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { snakeCaseFields } from '../../kit/field-names';
import { pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, idempotencyKeyOf, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CREATE_REWARD_OFFER,
  GET_REWARD_OFFER,
  LIST_REWARD_OFFERS,
  SET_REWARD_OFFER_STATE,
  type GqlRewardOffer,
} from '../../domains/rewards/operations';
import { createRewardOfferBody, lifeCycleStateBody } from '../../domains/rewards/bodies';
import { backOfficeOfferListResponse, backOfficeOfferResponse } from '../../domains/rewards/schemas';
import { toBackOfficeOffer } from '../../domains/rewards/mapper';
import { rewardsParameters } from '../../domains/rewards/openapi';

const TAG = 'Reward Offers (Back-Office)';
const SUBJECT = 'reward offer' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

/** REST field names of the offer input (GraphQL camelCase paths → the body's snake_case ones). */
const offerFields = (path: string) =>
  snakeCaseFields(
    path
      .replace(/^schemeId/, 'scheme_id')
      .replace(/^currency$/, 'currency_code')
      .replace(/organisationIds/, 'organisations')
      .replace(/productSkus/, 'products')
      .replace(/^validityDays/, 'validity_days'),
  );

/** POST /backoffice/v2/reward_offers → 201 {id}; the offer is INACTIVE until its life cycle state is set to ACTIVE. */
const createOffer: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(createRewardOfferBody, await ctx.readBody());
  const c = b.conditions ?? {};
  const input = {
    schemeId: b.scheme_id,
    name: b.name,
    shortDescription: b.short_description ?? null,
    termsAndConditions: b.terms_and_conditions ?? null,
    type: b.type ?? 'DISCOUNT',
    goal: b.goal ?? 'SPEND',
    priority: b.priority ?? 100,
    currency: b.currency_code ?? 'EUR',
    conditions: {
      minAmount: c.min_amount ?? null,
      organisationIds: c.organisations ?? [],
      classifications: c.classifications ?? [],
      productSkus: c.products ?? [],
      productCategories: c.product_categories ?? [],
      daysOfWeek: c.days_of_week ?? [],
      timeWindows: c.time_windows ?? [],
      timeZone: c.time_zone ?? 'UTC',
      tiers: c.tiers ?? [],
    },
    award: {
      method: b.award.method,
      amount: b.award.amount ?? null,
      percent: b.award.percent ?? null,
      productSkus: b.award.products ?? [],
      productCategories: b.award.product_categories ?? [],
    },
    caps: { perPurchase: b.caps?.per_purchase ?? null, perContact: b.caps?.per_contact ?? null },
    validityDays: b.validity_days ?? null,
    commercePoolId: b.commerce_pool_id ?? null,
  };
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE_REWARD_OFFER,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createRewardOffer',
    offerFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

async function offerOf(ctx: Parameters<Handler>[0]): Promise<GqlRewardOffer> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_REWARD_OFFER, { id: canonicalPathId(raw) }, snakeCaseFields);
  const found = data['rewardOffer'] as GqlRewardOffer | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const getOffer: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficeOffer(await offerOf(ctx)));
};

const listOffers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'scheme_id']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_REWARD_OFFERS,
    { schemeId: params.get('scheme_id') ?? null, state: params.get('state') ?? null, page: paging.page, size: paging.size },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['rewardOffers'] as { items: GqlRewardOffer[]; total: number }, toBackOfficeOffer));
};

/** PUT /backoffice/v2/reward_offers/{id}/life_cycle_state {state: ACTIVE|INACTIVE}. */
const setState: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await offerOf(ctx);
  const b = validateBody(lifeCycleStateBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(SET_REWARD_OFFER_STATE, { id, state: b.state }, 'setRewardOfferState', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** Reward offers: create (INACTIVE), list, read, life cycle state. */
export const resource = defineResource({
  family: 'backoffice',
  name: 'reward-offers',
  pathParameters: { id: 'RewardOfferId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Reward offers: conditions (minimum amount, organisations, classification, products or categories, days and time windows, tier), the award (fixed, percent of the net amount, per product), caps and validity.',
      },
    ],
    parameters: rewardsParameters,
    requestSchemas: [
      { name: 'RewardOfferCreateBO', schema: createRewardOfferBody },
      { name: 'LifeCycleStateBO', schema: lifeCycleStateBody },
    ],
    responseSchemas: [
      { name: 'RewardOfferBO', schema: backOfficeOfferResponse },
      { name: 'RewardOfferListBO', schema: backOfficeOfferListResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/reward_offers',
      handler: createOffer,
      operations: [CREATE_REWARD_OFFER],
      doc: {
        operationId: 'createRewardOfferBO',
        summary: 'Create a reward offer',
        description: 'Created INACTIVE. Needs rewards.write.',
        tag: TAG,
        audience: 'backoffice',
        body: 'RewardOfferCreateBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'Created.', schema: 'IdResult' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/reward_offers',
      handler: listOffers,
      operations: [LIST_REWARD_OFFERS],
      pathParameters: {},
      doc: {
        operationId: 'listRewardOffersBO',
        summary: 'List reward offers',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'RewardOfferStateQuery', 'RewardSchemeIdQuery'],
        reads: true,
        success: { status: 200, description: 'A page of offers, newest first.', schema: 'RewardOfferListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/reward_offers/:id',
      handler: getOffer,
      operations: [GET_REWARD_OFFER],
      doc: {
        operationId: 'getRewardOfferBO',
        summary: 'Get a reward offer',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The offer.', schema: 'RewardOfferBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/reward_offers/:id/life_cycle_state',
      handler: setState,
      operations: [GET_REWARD_OFFER, SET_REWARD_OFFER_STATE],
      doc: {
        operationId: 'setRewardOfferStateBO',
        summary: 'Turn a reward offer on or off',
        tag: TAG,
        audience: 'backoffice',
        body: 'LifeCycleStateBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'Updated.', schema: 'IdResult' },
      },
    },
  ],
});
