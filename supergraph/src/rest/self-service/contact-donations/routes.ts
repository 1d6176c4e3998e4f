import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import type { GqlUserError } from '../../kit/operation';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { boolean, pageEnvelope, parsePaging, PAGING_PARAMS } from '../../kit/paging';
import { canonicalPathId, isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import {
  CONTACT_DONATIONS,
  DONATION_HISTORY,
  OPT_IN_DONATION,
  OPT_OUT_DONATION,
  UPDATE_DONATION,
  type GqlContactDonation,
  type GqlDonationRecord,
} from '../../domains/giving/operations';
import { donationOptInBody } from '../../domains/giving/bodies';
import { contactDonationListResponse, donationHistoryResponse } from '../../domains/giving/schemas';
import { toContactDonation, toDonationHistory } from '../../domains/giving/mapper';
import { givingParameters } from '../../domains/giving/openapi';
import { orderOf, sortOf } from '../../domains/giving/params';

const TAG = 'Contact Donations';
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };
const fields = (path: string) => snakeCaseFields(path.replace(/^donationOfferId$/, 'donation_offer_id').replace(/^contactId$/, 'id'));

/** The contact of the path: a GUID (anything else is a 404). */
function contactOf(ctx: Parameters<Handler>[0]): string {
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound('contact', raw);
  return canonicalPathId(raw);
}
function donationOf(ctx: Parameters<Handler>[0]): string {
  const raw = param(ctx, 'donation_id');
  if (!isUuid(raw)) throw recordNotFound('donation' as never, raw);
  return canonicalPathId(raw);
}

/** GET /self-service/v2/contacts/{id}/donations: the offers the contact is opted in to (and out of, with include_opt_out), with what each has given. */
const list: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'donation_offer_id', 'include_opt_out', 'order', 'sort']);
  const paging = parsePaging(params);
  sortOf(params.get('sort'));
  const includeOptOut = params.has('include_opt_out') ? boolean('include_opt_out', params.get('include_opt_out')!) : false;
  const data = await ctx.gateway.run(
    CONTACT_DONATIONS,
    {
      contactId: contactOf(ctx),
      includeOptOut,
      donationOfferId: params.get('donation_offer_id') ?? null,
      ascending: orderOf(params.get('order')),
      page: paging.page,
      size: paging.size,
    },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['contactDonations'] as { items: GqlContactDonation[]; total: number }, toContactDonation));
};

/** POST /self-service/v2/contacts/{id}/donations {donation_offer_id, multiplier?, amount?} → 201 with no body (the contract's): opts in; the list names it. */
const optIn: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = contactOf(ctx);
  const b = validateBody(donationOptInBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(
    OPT_IN_DONATION,
    { input: { contactId, donationOfferId: b.donation_offer_id, multiplier: b.multiplier ?? null, amount: b.amount ?? null } },
    'optInDonation',
    fields,
  );
  ctx.res.writeHead(201).end();
};

/** PUT /self-service/v2/contacts/{id}/donations/{donation_id} {donation_offer_id, multiplier?, amount?} → 204. */
const update: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = contactOf(ctx);
  const id = donationOf(ctx);
  const b = validateBody(donationOptInBody, await ctx.readBody());
  await ctx.gateway.mutate<Payload>(
    UPDATE_DONATION,
    { id, input: { contactId, donationOfferId: b.donation_offer_id, multiplier: b.multiplier ?? null, amount: b.amount ?? null } },
    'updateDonation',
    fields,
  );
  ctx.res.writeHead(204).end();
};

/** DELETE /self-service/v2/contacts/{id}/donations/{donation_id} → 204: opts out. */
const optOut: Handler = async (ctx) => {
  noQuery(ctx);
  const contactId = contactOf(ctx);
  await ctx.gateway.mutate<Payload>(OPT_OUT_DONATION, { id: donationOf(ctx), contactId }, 'optOutDonation', fields);
  ctx.res.writeHead(204).end();
};

/** GET /self-service/v2/contacts/{id}/donations/history: the donations debited from the contact's wallet. */
const history: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, [...PAGING_PARAMS, 'organisation_id', 'order', 'sort']);
  const paging = parsePaging(params);
  sortOf(params.get('sort'));
  const data = await ctx.gateway.run(
    DONATION_HISTORY,
    {
      contactId: contactOf(ctx),
      organisationId: params.get('organisation_id') ?? null,
      ascending: orderOf(params.get('order')),
      page: paging.page,
      size: paging.size,
    },
    snakeCaseFields,
  );
  sendJson(ctx.res, 200, pageEnvelope(paging, data['donationHistory'] as { items: GqlDonationRecord[]; total: number }, toDonationHistory));
};

/** Contact Donations: a contact's opt-ins to donation offers and the donations made. */
export const resource = defineResource({
  family: 'self-service',
  name: 'contact-donations',
  pathParameters: { id: 'GivingContactId', donation_id: 'DonationId' },
  openapi: {
    tags: [
      {
        name: TAG,
        description:
          'A contact opts in to donation offers; each donation (per purchase, monthly, or the amount it chose) is debited from its wallet once.',
      },
    ],
    parameters: givingParameters,
    requestSchemas: [{ name: 'DonationOptInSS', schema: donationOptInBody }],
    responseSchemas: [
      { name: 'ContactDonationListSS', schema: contactDonationListResponse },
      { name: 'DonationHistorySS', schema: donationHistoryResponse },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/donations',
      handler: list,
      operations: [CONTACT_DONATIONS],
      doc: {
        operationId: 'listContactDonationsSS',
        summary: 'List a contact’s donation offers',
        tag: TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal', 'DonationOfferIdQuery', 'IncludeOptOutQuery', 'OrderQuery', 'SortQuery'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The contact’s opt-ins, with the number and total of donations made.', schema: 'ContactDonationListSS' },
      },
    },
    {
      method: 'POST',
      path: '/self-service/v2/contacts/:id/donations',
      handler: optIn,
      operations: [OPT_IN_DONATION],
      doc: {
        operationId: 'optInDonationsSS',
        summary: 'Opt in to a donation offer',
        tag: TAG,
        audience: 'selfservice',
        body: 'DonationOptInSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 201, description: 'Opted in (no body, as the contract has it; the list names the donation).' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/contacts/:id/donations/history',
      handler: history,
      operations: [DONATION_HISTORY],
      pathParameters: { id: 'GivingContactId' },
      doc: {
        operationId: 'listContactDonationsHistorySS',
        summary: 'List the donations a contact made',
        tag: TAG,
        audience: 'selfservice',
        query: ['Page', 'Size', 'IncludeTotal', 'OrganisationIdQuery', 'OrderQuery', 'SortQuery'],
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The donations debited from the contact’s wallet, newest first.', schema: 'DonationHistorySS' },
      },
    },
    {
      method: 'PUT',
      path: '/self-service/v2/contacts/:id/donations/:donation_id',
      handler: update,
      operations: [UPDATE_DONATION],
      doc: {
        operationId: 'updateDonationsSS',
        summary: 'Change a donation’s multiplier or amount',
        tag: TAG,
        audience: 'selfservice',
        body: 'DonationOptInSS',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Changed. No body.' },
      },
    },
    {
      method: 'DELETE',
      path: '/self-service/v2/contacts/:id/donations/:donation_id',
      handler: optOut,
      operations: [OPT_OUT_DONATION],
      doc: {
        operationId: 'optOutDonationsSS',
        summary: 'Opt out of a donation offer',
        tag: TAG,
        audience: 'selfservice',
        writes: true,
        notFound: 'RecordNotFound',
        success: { status: 204, description: 'Opted out: no further donations. No body.' },
      },
    },
  ],
});
