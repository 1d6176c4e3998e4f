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
  CREATE_DONATION_OFFER,
  GET_DONATION_OFFER,
  LIST_DONATION_OFFERS,
  SET_DONATION_OFFER_STATE,
  type GqlDonationOffer,
} from '../../domains/giving/operations';
import { createDonationOfferBody } from '../../domains/giving/bodies';
import { lifeCycleStateBody } from '../../domains/rewards/bodies';
import { backOfficeDonationOfferListResponse, backOfficeDonationOfferResponse, createdResponse } from '../../domains/giving/schemas';
import { toBackOfficeDonationOffer } from '../../domains/giving/mapper';
import { givingParameters } from '../../domains/giving/openapi';
import { listOf } from '../../domains/giving/params';

const TAG = 'Donation Offers (Back-Office)';
const SUBJECT = 'donation offer' as NotFoundSubject;
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const offerFields = (path: string) =>
  snakeCaseFields(
    path
      .replace(/^donationType$/, 'donation_type')
      .replace(/^offerType$/, 'type')
      .replace(/^termedAmount$/, 'termed_amount')
      .replace(/^currency$/, 'currency_code')
      .replace(/^organisation/, 'charity_organisation'),
  );

/** POST /backoffice/v2/donation_offers → 201 {id}. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const b = validateBody(createDonationOfferBody, await ctx.readBody());
  const input = {
    name: b.name,
    shortDescription: b.short_description ?? null,
    longDescription: b.long_description ?? null,
    termsAndConditions: b.terms_and_conditions ?? null,
    donationType: b.donation_type,
    offerType: b.type ?? 'GIFT',
    rule: b.rule ?? null,
    percent: b.percent ?? null,
    termedAmount: b.termed_amount ?? null,
    currency: b.currency_code ?? 'EUR',
    organisation: { id: b.charity_organisation.id, name: b.charity_organisation.name ?? null },
    state: b.state ?? 'ACTIVE',
  };
  const p = await ctx.gateway.mutate<Payload>(
    CREATE_DONATION_OFFER,
    { input, idempotencyKey: idempotencyKeyOf(ctx.req) },
    'createDonationOffer',
    offerFields,
  );
  sendJson(ctx.res, 201, { id: p.id });
};

async function offerOf(ctx: Parameters<Handler>[0]): Promise<GqlDonationOffer> {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_DONATION_OFFER, { id: canonicalPathId(raw) }, snakeCaseFields);
  const found = data['donationOffer'] as GqlDonationOffer | null;
  if (!found) throw recordNotFound(SUBJECT, raw);
  return found;
}

const get: Handler = async (ctx) => {
  noQuery(ctx);
  sendJson(ctx.res, 200, toBackOfficeDonationOffer(await offerOf(ctx)));
};

const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'state', 'donation_types']);
  const paging = parsePaging(params);
  const data = await ctx.gateway.run(
    LIST_DONATION_OFFERS,
    {
      state: params.get('state') ?? null,
      donationTypes: listOf('donation_types', params.get('donation_types'), ['PER_TRANSACTION', 'TERMED', 'VARIABLE']),
      page: paging.page,
      size: paging.size,
    },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['donationOffers'] as { items: GqlDonationOffer[]; total: number }, toBackOfficeDonationOffer));
};

/** PUT /backoffice/v2/donation_offers/{id}/life_cycle_state {state: ACTIVE|INACTIVE}. */
const setState: Handler = async (ctx) => {
  noQuery(ctx);
  const { id } = await offerOf(ctx);
  const b = validateBody(lifeCycleStateBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(SET_DONATION_OFFER_STATE, { id, state: b.state }, 'setDonationOfferState', snakeCaseFields);
  sendJson(ctx.res, 200, { id });
};

/** Donation offers: charity organisations contacts can give to (create, list, read, turn on and off). */
export const resource = defineResource({
  family: 'backoffice',
  name: 'donation-offers',
  pathParameters: { id: 'DonationOfferId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'Donation offers: PER_TRANSACTION (ROUND_UP spare change or a PERCENT of each purchase’s net), TERMED (an amount each month) or VARIABLE (the contact’s amount per purchase), to a charity organisation.',
      },
    ],
    parameters: givingParameters,
    requestSchemas: [
      { name: 'DonationOfferCreateBO', schema: createDonationOfferBody },
      { name: 'LifeCycleStateBO', schema: lifeCycleStateBody },
    ],
    responseSchemas: [
      { name: 'DonationOfferBO', schema: backOfficeDonationOfferResponse },
      { name: 'DonationOfferListBO', schema: backOfficeDonationOfferListResponse },
      { name: 'DonationOfferCreatedBO', schema: createdResponse },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/donation_offers',
      handler: create,
      operations: [CREATE_DONATION_OFFER],
      pathParameters: {},
      doc: {
        operationId: 'createDonationOffer',
        summary: 'Create a donation offer',
        tag: TAG,
        audience: 'backoffice',
        body: 'DonationOfferCreateBO',
        idempotencyKey: true,
        writes: true,
        success: { status: 201, description: 'The donation offer (ACTIVE unless state INACTIVE).', schema: 'DonationOfferCreatedBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/donation_offers',
      handler: list,
      operations: [LIST_DONATION_OFFERS],
      pathParameters: {},
      doc: {
        operationId: 'listDonationOffers',
        summary: 'List donation offers',
        tag: TAG,
        audience: 'backoffice',
        query: ['Page', 'Size', 'IncludeTotal', 'DonationOfferStateQuery', 'DonationTypesQuery'],
        reads: true,
        success: { status: 200, description: 'A page of donation offers, newest first.', schema: 'DonationOfferListBO' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/donation_offers/:id',
      handler: get,
      operations: [GET_DONATION_OFFER],
      doc: {
        operationId: 'getDonationOffer',
        summary: 'Get a donation offer',
        tag: TAG,
        audience: 'backoffice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The donation offer.', schema: 'DonationOfferBO' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/donation_offers/:id/life_cycle_state',
      handler: setState,
      operations: [SET_DONATION_OFFER_STATE],
      doc: {
        operationId: 'setDonationOfferState',
        summary: 'Turn a donation offer on or off',
        tag: TAG,
        audience: 'backoffice',
        body: 'LifeCycleStateBO',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The donation offer.', schema: 'DonationOfferCreatedBO' },
      },
    },
  ],
});
