import { z } from 'zod';
import { CONTACT_INFO_TYPES, OPERATIONS, WEEK_DAYS } from '@crm/event-bus/contracts/identity';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { noQuery, sendJson, type Handler } from '../../kit/context';
import { validateBody } from '../../kit/body';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { op, USER_ERROR_FIELDS, type GqlUserError } from '../../kit/operation';
import { defineResource } from '../../kit/resource';
import { pathGuid } from '../../domains/identity/directory';
import {
  NETWORK_ORGANISATION,
  networkOrganisationOut,
  networkOrganisationResponse,
  type GqlNetworkOrganisation,
} from '../../domains/identity/network';

const TAG = 'Back-office business network';

const PAYLOAD = `id consistencyToken ${USER_ERROR_FIELDS}`;
const PROFILE_INPUT = 'OrganisationProfileInput!';
const CREATE = op(
  'mutation',
  'RestCreateNetworkOrganisation',
  `mutation RestCreateNetworkOrganisation($organisation: CreateOrganisationInput!, $profile: ${PROFILE_INPUT}) { createNetworkOrganisation(organisation: $organisation, profile: $profile) { ${PAYLOAD} } }`,
);
const SET_PROFILE = op(
  'mutation',
  'RestSetOrganisationProfile',
  `mutation RestSetOrganisationProfile($id: ID!, $profile: ${PROFILE_INPUT}) { setOrganisationProfile(id: $id, profile: $profile) { ${PAYLOAD} } }`,
);
const CLOSE = op(
  'mutation',
  'RestCloseOrganisationProfile',
  `mutation RestCloseOrganisationProfile($id: ID!) { closeOrganisationProfile(id: $id) { ${PAYLOAD} } }`,
);
type Payload = { id: string | null; consistencyToken: string | null; errors: GqlUserError[] };

const names = (max: number) => z.array(z.string().min(1).max(100)).max(max);
const profileBody = z.strictObject({
  description: z.string().max(2000).nullable().optional(),
  industry: z.string().max(100).nullable().optional().describe('The industry name (see /backoffice/v2/industries).'),
  industry_sectors: names(20).optional(),
  business_activities: names(20).optional(),
  tags: names(50).optional().describe('Organisation tag names (see /backoffice/v2/tags?entity=ORGANISATIONS).'),
  tap_code: z.string().max(100).nullable().optional(),
  addresses: z
    .array(
      z.strictObject({
        id: z.string().max(64).optional().describe('Keep an existing address by its id; a new one gets an id.'),
        name: z.string().max(100).nullable().optional(),
        address_line_1: z.string().min(1).max(200),
        address_line_2: z.string().max(200).nullable().optional(),
        town_city: z.string().min(1).max(100),
        postal_code: z.string().min(1).max(20),
        state_province_county: z.string().max(100).nullable().optional(),
        country_code: z.enum(COUNTRY_CODES),
        lat: z.number().nullable().optional().describe('With lon: the address becomes a location contacts find by distance.'),
        lon: z.number().nullable().optional(),
        google_place_id: z.string().max(300).nullable().optional(),
        is_primary: z.boolean().optional(),
      }),
    )
    .max(20)
    .optional(),
  contact_info: z
    .array(
      z.strictObject({
        id: z.string().max(64).optional(),
        type: z.enum(CONTACT_INFO_TYPES),
        name: z.string().min(1).max(100),
        value: z.string().min(1).max(200),
        country_code: z.enum(COUNTRY_CODES).nullable().optional(),
      }),
    )
    .max(20)
    .optional(),
  opening_hours: z
    .array(
      z.strictObject({ day_of_week: z.enum(WEEK_DAYS), open: z.string().max(5), close: z.string().max(5), operation: z.enum(OPERATIONS).optional() }),
    )
    .max(50)
    .optional(),
});
const createBody = profileBody.extend({
  parent_id: z.string().max(64).describe('The business (for a merchant or venue) or a merchant (for a venue).'),
  type: z.enum(['MERCHANT', 'VENUE']),
  name: z.string().min(1).max(200),
});
type ProfileBody = z.infer<typeof profileBody>;

/** The REST body as the GraphQL profile input (camelCase). */
function profileOf(b: ProfileBody) {
  return {
    description: b.description ?? null,
    industry: b.industry ?? null,
    industrySectors: b.industry_sectors ?? null,
    businessActivities: b.business_activities ?? null,
    tags: b.tags ?? null,
    tapCode: b.tap_code ?? null,
    addresses:
      b.addresses?.map((a) => ({
        id: a.id ?? null,
        name: a.name ?? null,
        addressLine1: a.address_line_1,
        addressLine2: a.address_line_2 ?? null,
        townCity: a.town_city,
        postalCode: a.postal_code,
        stateProvinceCounty: a.state_province_county ?? null,
        countryCode: a.country_code,
        lat: a.lat ?? null,
        lon: a.lon ?? null,
        googlePlaceId: a.google_place_id ?? null,
        isPrimary: a.is_primary ?? null,
      })) ?? null,
    contactInfo:
      b.contact_info?.map((c) => ({ id: c.id ?? null, type: c.type, name: c.name, value: c.value, countryCode: c.country_code ?? null })) ?? null,
    openingHours: b.opening_hours?.map((h) => ({ dayOfWeek: h.day_of_week, open: h.open, close: h.close, operation: h.operation ?? null })) ?? null,
  };
}

/** Errors of `organisation.parentId` name `parent_id`; the profile's already speak the body's names. */
const networkFields = (field: string | null | undefined): string | undefined => {
  if (!field) return undefined;
  if (field === 'parentId' || field === 'organisation.parentId') return 'parent_id';
  return snakeCaseFields(field.replace(/^(profile|organisation)\./, ''));
};

/** POST /backoffice/v2/organisations → 201 `{id}`: a merchant or venue with its profile, in one transaction. */
const create: Handler = async (ctx) => {
  noQuery(ctx);
  const { parent_id, type, name, ...profile } = validateBody(createBody, await ctx.readBody());
  const payload = await ctx.gateway.mutate<Payload>(
    CREATE,
    { organisation: { parentId: parent_id, type, name }, profile: profileOf(profile) },
    'createNetworkOrganisation',
    networkFields,
  );
  sendJson(ctx.res, 201, { id: payload.id });
};

/** PUT /backoffice/v2/organisations/{id} → 200 `{id}`: the whole profile is replaced (an organisation that left the network rejoins). */
const setProfile: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'organisation');
  const profile = profileOf(validateBody(profileBody, await ctx.readBody()));
  await ctx.gateway.mutate<Payload>(SET_PROFILE, { id, profile }, 'setOrganisationProfile', networkFields);
  sendJson(ctx.res, 200, { id });
};

/** DELETE /backoffice/v2/organisations/{id} → 204: the organisation leaves the business network (it stays in the hierarchy). */
const close: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'organisation');
  await ctx.gateway.mutate<Payload>(CLOSE, { id }, 'closeOrganisationProfile', networkFields);
  sendJson(ctx.res, 204, undefined);
};

/** GET /backoffice/v2/organisations/{id}/profile: the organisation as the network shows it. */
const getProfile: Handler = async (ctx) => {
  noQuery(ctx);
  const id = pathGuid(ctx, 'organisation');
  const data = await ctx.gateway.run(NETWORK_ORGANISATION, { id }, snakeCaseFields);
  const found = data['networkOrganisation'] as GqlNetworkOrganisation | null | undefined;
  if (!found) throw recordNotFound('organisation', id);
  sendJson(ctx.res, 200, networkOrganisationOut(found));
};

const doc = { tag: TAG, audience: 'backoffice' as const };

export const resource = defineResource({
  family: 'backoffice',
  name: 'business-network',
  pathParameters: { id: 'DirectoryId' },
  openapi: {
    tags: [{ name: TAG, description: 'Merchants and venues with their addresses (locations), contact info, opening hours and tags.' }],
    requestSchemas: [
      { name: 'NetworkOrganisationRequest', schema: createBody },
      { name: 'OrganisationProfileRequest', schema: profileBody },
    ],
    responseSchemas: [
      {
        name: 'NetworkOrganisation',
        schema: networkOrganisationResponse.describe('An organisation as the business network shows it (the Self-Service shape).'),
      },
    ],
  },
  routes: [
    {
      method: 'POST',
      path: '/backoffice/v2/organisations',
      handler: create,
      operations: [CREATE],
      doc: {
        ...doc,
        operationId: 'createNetworkOrganisationBO',
        summary: 'Add a merchant or venue',
        description: 'Needs organisations.manage. A merchant under the business, a venue under a merchant or the business; with its profile.',
        body: 'NetworkOrganisationRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 201, description: 'Added; the id of the organisation.', schema: 'IdResult' },
      },
    },
    {
      method: 'PUT',
      path: '/backoffice/v2/organisations/:id',
      handler: setProfile,
      operations: [SET_PROFILE],
      doc: {
        ...doc,
        operationId: 'setOrganisationProfileBO',
        summary: "Replace an organisation's profile",
        description: 'Addresses and contact info sent with their id keep it; those left out are gone.',
        body: 'OrganisationProfileRequest',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 200, description: 'Replaced; the id of the organisation.', schema: 'IdResult' },
      },
    },
    {
      method: 'DELETE',
      path: '/backoffice/v2/organisations/:id',
      handler: close,
      operations: [CLOSE],
      doc: {
        ...doc,
        operationId: 'closeOrganisationBO',
        summary: 'Take an organisation out of the business network',
        notFound: 'RecordNotFound',
        writes: true,
        success: { status: 204, description: 'Closed. No body.' },
      },
    },
    {
      method: 'GET',
      path: '/backoffice/v2/organisations/:id/profile',
      handler: getProfile,
      operations: [NETWORK_ORGANISATION],
      doc: {
        ...doc,
        operationId: 'getOrganisationProfileBO',
        summary: "Get an organisation's network profile",
        reads: true,
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The organisation.', schema: 'NetworkOrganisation' },
      },
    },
  ],
});
