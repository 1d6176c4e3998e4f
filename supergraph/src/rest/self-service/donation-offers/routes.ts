import type { NotFoundSubject } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { listOf, orderOf, sortOf } from '../../domains/giving/params';
import { snakeCaseFields } from '../../kit/field-names';
import { boolean, pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { DONATION_ORGANISATIONS, GET_DONATION_OFFER, LIST_DONATION_OFFERS, type GqlDonationOffer } from '../../domains/giving/operations';
import { donationOfferListResponse, donationOfferResponse, donationOrganisationListResponse } from '../../domains/giving/schemas';
import { toDonationOffer, toDonationOfferSummary } from '../../domains/giving/mapper';
import { givingParameters } from '../../domains/giving/openapi';

const TAG = 'Donations';
const SUBJECT = 'donation offer' as NotFoundSubject;

/** GET /self-service/v2/donation_offers: the ACTIVE donation offers, newest first. */
const listOffers: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [
    ...PAGING_PARAMS,
    'donated_to',
    'donation_offer_id',
    'donation_types',
    'organisations',
    'owner',
    'search_value',
    'types',
    'order',
    'sort',
  ]);
  const paging = parsePaging(params);
  sortOf(params.get('sort'));
  const organisationId = params.get('donated_to') ?? params.get('organisations') ?? null;
  const data = await ctx.gateway.run(
    LIST_DONATION_OFFERS,
    {
      organisationId,
      donationTypes: listOf('donation_types', params.get('donation_types'), ['PER_TRANSACTION', 'TERMED', 'VARIABLE']),
      offerTypes: listOf('types', params.get('types'), ['GIFT', 'DISCOUNT', 'BUNDLE', 'ONE_OFF']),
      offerId: params.get('donation_offer_id') ?? null,
      search: params.get('search_value') ?? null,
      state: 'ACTIVE',
      ascending: orderOf(params.get('order')),
      page: paging.page,
      size: paging.size,
    },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['donationOffers'] as { items: GqlDonationOffer[]; total: number }, toDonationOfferSummary));
};

const getOffer: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound(SUBJECT, raw);
  const data = await ctx.gateway.run(GET_DONATION_OFFER, { id: canonicalPathId(raw) }, snakeCaseFields);
  const found = data['donationOffer'] as GqlDonationOffer | null;
  if (!found || found.state !== 'ACTIVE') throw recordNotFound(SUBJECT, raw);
  sendJson(ctx.res, 200, toDonationOffer(found));
};

/** GET /self-service/v2/donation_offers/organisations: the charity organisations of the ACTIVE offers. */
const organisations: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['include_creatives', 'type']);
  const creatives = params.get('include_creatives');
  if (creatives !== undefined) boolean('include_creatives', creatives);
  const data = await ctx.gateway.run(
    DONATION_ORGANISATIONS,
    { offerTypes: listOf('type', params.get('type'), ['GIFT', 'DISCOUNT', 'BUNDLE', 'ONE_OFF']) },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, { content: (data['donationOrganisations'] as { id: string; name: string }[]).map((o) => ({ id: o.id, name: o.name })) });
};

/** Donations: the donation offers (charity organisations) a contact can opt in to. */
export const resource = defineResource({
  family: 'self-service',
  name: 'donation-offers',
  pathParameters: { id: 'DonationOfferId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description: 'Donation offers: charity organisations contacts give to, per purchase (round-up or percentage), monthly, or a chosen amount.',
      },
    ],
    parameters: givingParameters,
    responseSchemas: [
      { name: 'DonationOfferListSS', schema: donationOfferListResponse },
      { name: 'DonationOfferSS', schema: donationOfferResponse },
      { name: 'DonationOrganisationListSS', schema: donationOrganisationListResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/donation_offers',
      handler: listOffers,
      operations: [LIST_DONATION_OFFERS],
      pathParameters: {},
      doc: {
        operationId: 'listDonationOffersSS',
        summary: 'List donation offers',
        tag: TAG,
        audience: 'selfservice',
        query: [
          'Page',
          'Size',
          'IncludeTotal',
          'DonatedToQuery',
          'DonationOfferIdQuery',
          'DonationTypesQuery',
          'OrganisationsQuery',
          'OwnerQuery',
          'SearchValueQuery',
          'DonationOfferTypesQuery',
          'OrderQuery',
          'SortQuery',
        ],
        reads: true,
        success: { status: 200, description: 'A page of active donation offers.', schema: 'DonationOfferListSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/donation_offers/organisations',
      handler: organisations,
      operations: [DONATION_ORGANISATIONS],
      pathParameters: {},
      doc: {
        operationId: 'listDonationOrganisationsSS',
        summary: 'List the charity organisations of the donation offers',
        tag: TAG,
        audience: 'selfservice',
        query: ['IncludeCreativesQuery', 'OrganisationTypeQuery'],
        reads: true,
        success: { status: 200, description: 'The organisations of the active donation offers.', schema: 'DonationOrganisationListSS' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/donation_offers/:id',
      handler: getOffer,
      operations: [GET_DONATION_OFFER],
      doc: {
        operationId: 'getDonationOfferSS',
        summary: 'Get a donation offer',
        tag: TAG,
        audience: 'selfservice',
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The donation offer.', schema: 'DonationOfferSS' },
      },
    },
  ],
});
