import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { noQuery, param, sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { query } from '../../kit/openapi';
import { boolean, parsePaging } from '../../kit/paging';
import { isUuid, queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { pagingResponse } from '../../kit/response-schemas';
import {
  csv,
  decimal,
  NETWORK_LOCATIONS,
  NETWORK_ORGANISATION,
  NETWORK_TOWNS,
  networkOrganisationOut,
  networkOrganisationResponse,
  ORGANISATION_NETWORK,
  type GqlNetworkOrganisation,
  type GqlNetworkPage,
} from '../../domains/identity/network';

const TAG = 'Self-service business network';

const networkList = z.strictObject({ content: z.array(networkOrganisationResponse), paging: pagingResponse });
const locationItem = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  address: z.strictObject({
    id: z.string(),
    address_line_1: z.string(),
    address_line_2: z.string().optional(),
    town_city: z.string(),
    postal_code: z.string(),
    state_province_county: z.string().optional(),
    google_place_id: z.string().optional(),
    lat: z.number(),
    lon: z.number(),
    distance: z.number().describe('Kilometres from lat/lon.'),
  }),
  contact_info: z.array(z.strictObject({ id: z.string(), type: z.enum(['EMAIL', 'PHONE']), name: z.string(), value: z.string() })),
  opening_hours: z
    .array(z.strictObject({ open: z.string(), close: z.string(), supply_method: z.enum(['DELIVERY', 'PICK_UP', 'ANY']) }))
    .optional()
    .describe('With include_opening_hours=true.'),
  tags: z
    .array(z.strictObject({ name: z.string() }))
    .optional()
    .describe('With include_tags=true.'),
});
const locationList = z.strictObject({ content: z.array(locationItem), paging: pagingResponse });
const townList = z.strictObject({ content: z.array(z.string()) });

/** Filters the contract declares that this platform does not model: refused with a 400 naming them rather than ignored. */
const UNSUPPORTED = ['custom_fields', 'is_open', 'supply_method'];
function refuseUnsupported(params: Map<string, string>): void {
  for (const name of UNSUPPORTED) if (params.has(name)) throw AppError.validation(name, 'is not supported as a filter here', 'INVALID_VALUE');
}
/** Flags that only choose what an answer includes (every item carries what this platform has). */
function flags(params: Map<string, string>, names: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(names.filter((n) => params.has(n)).map((n) => [n, boolean(n, params.get(n)!)]));
}

/** GET /self-service/v2/organisations/{id}: the organisation with its addresses, opening hours, contact info and tags. */
const getOrganisation: Handler = async (ctx) => {
  noQuery(ctx);
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound('organisation', raw);
  const data = await ctx.gateway.run(NETWORK_ORGANISATION, { id: raw.toLowerCase() }, snakeCaseFields);
  const found = data['networkOrganisation'] as GqlNetworkOrganisation | null | undefined;
  if (!found) throw recordNotFound('organisation', raw);
  sendJson(ctx.res, 200, networkOrganisationOut(found));
};

const NETWORK_PARAMS = [
  'type',
  'tags',
  'industries',
  'industry_sectors',
  'business_activities',
  'town_cities',
  'countries',
  'tap_code',
  'name',
  'lat',
  'lon',
  'distance',
  'sort',
  'order',
  'contact_registry',
  'include_custom_fields',
  'include_order_catalogs',
  'include_wifi_sites',
  'custom_fields',
  'page',
  'size',
  'include_total',
] as const;

/** The filter both lists take, from the query (csv lists, lat/lon/distance in kilometres). */
function filterOf(params: Map<string, string>, distanceParam: 'distance' | 'within') {
  const type = params.get('type')?.toUpperCase();
  if (type !== undefined && type !== 'MERCHANT' && type !== 'VENUE') throw AppError.validation('type', 'must be MERCHANT or VENUE', 'INVALID_ENUM');
  return {
    types: type ? [type] : null,
    tags: csv('tags', params.get('tags')),
    industries: csv('industries', params.get('industries')),
    industrySectors: csv('industry_sectors', params.get('industry_sectors')),
    businessActivities: csv('business_activities', params.get('business_activities')),
    townCities: csv('town_cities', params.get('town_cities')),
    countries: csv('countries', params.get('countries')),
    tapCode: params.get('tap_code') ?? null,
    name: params.get('name') ?? null,
    lat: decimal('lat', params.get('lat')),
    lon: decimal('lon', params.get('lon')),
    withinKm: decimal(distanceParam, params.get(distanceParam)),
  };
}

const pagingOut = (p: GqlNetworkPage, paging: { page: number; size: number; includeTotal: boolean }) => ({
  page: paging.page,
  size: paging.size,
  ...(paging.includeTotal ? { total: p.total } : {}),
  has_more: p.hasMore,
});

/** GET /self-service/v2/organisations/{id}/network: its merchants and venues, filtered; nearest first from lat/lon (within `distance` km). */
const getNetwork: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, NETWORK_PARAMS);
  refuseUnsupported(params);
  flags(params, ['contact_registry', 'include_custom_fields', 'include_order_catalogs', 'include_wifi_sites']);
  const sort = params.get('sort');
  if (sort !== undefined && !['NAME', 'DISTANCE'].includes(sort.toUpperCase()))
    throw AppError.validation('sort', 'must be NAME or DISTANCE', 'INVALID_ENUM');
  const order = params.get('order');
  if (order !== undefined && !['ASC', 'DESC'].includes(order.toUpperCase()))
    throw AppError.validation('order', 'must be ASC or DESC', 'INVALID_ENUM');
  const paging = parsePaging(params);
  const filter = filterOf(params, 'distance');
  const raw = param(ctx, 'id');
  if (!isUuid(raw)) throw recordNotFound('organisation', raw);
  const data = await ctx.gateway.run(ORGANISATION_NETWORK, { id: raw.toLowerCase(), filter, page: paging.page, size: paging.size }, networkFields);
  const page = data['organisationNetwork'] as GqlNetworkPage | null | undefined;
  if (!page) throw recordNotFound('organisation', raw);
  sendJson(ctx.res, 200, { content: page.items.map(networkOrganisationOut), paging: pagingOut(page, paging) });
};

const LOCATION_PARAMS = [
  'lat',
  'lon',
  'within',
  'organisation_id',
  'name',
  'tags',
  'town_cities',
  'industries',
  'industry_sectors',
  'business_activities',
  'include_creatives',
  'include_custom_fields',
  'include_opening_hours',
  'include_order_catalogs',
  'include_tags',
  'custom_fields',
  'is_open',
  'supply_method',
  'page',
  'size',
  'include_total',
] as const;

/** GET /self-service/v2/locations?lat=&lon=&within=: located organisations nearest first, each at its nearest address. */
const listLocations: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, LOCATION_PARAMS);
  refuseUnsupported(params);
  const include = flags(params, ['include_creatives', 'include_custom_fields', 'include_opening_hours', 'include_order_catalogs', 'include_tags']);
  if (!params.has('lat')) throw AppError.validation('lat', 'is required', 'REQUIRED');
  if (!params.has('lon')) throw AppError.validation('lon', 'is required', 'REQUIRED');
  const paging = parsePaging(params);
  const filter = filterOf(params, 'within');
  const organisationId = params.get('organisation_id') ?? null;
  const data = await ctx.gateway.run(NETWORK_LOCATIONS, { filter, organisationId, page: paging.page, size: paging.size }, locationFields);
  const page = data['networkLocations'] as GqlNetworkPage;
  const content = page.items.map((o) => {
    const a = o.addresses.find((x) => x.id === o.nearestAddressId)!;
    return {
      id: o.id,
      name: o.name,
      ...(o.description ? { description: o.description } : {}),
      address: {
        id: a.id,
        address_line_1: a.addressLine1,
        ...(a.addressLine2 ? { address_line_2: a.addressLine2 } : {}),
        town_city: a.townCity,
        postal_code: a.postalCode,
        ...(a.stateProvinceCounty ? { state_province_county: a.stateProvinceCounty } : {}),
        ...(a.googlePlaceId ? { google_place_id: a.googlePlaceId } : {}),
        lat: a.lat!,
        lon: a.lon!,
        distance: Math.round(o.distanceKm! * 1000) / 1000,
      },
      contact_info: o.contactInfo.map((c) => ({ id: c.id, type: c.type as 'EMAIL' | 'PHONE', name: c.name, value: c.value })),
      ...(include['include_opening_hours']
        ? {
            opening_hours: o.openingHours.map((h) => ({
              open: h.open,
              close: h.close,
              supply_method: h.operation as 'DELIVERY' | 'PICK_UP' | 'ANY',
            })),
          }
        : {}),
      ...(include['include_tags'] ? { tags: o.tags.map((name) => ({ name })) } : {}),
    };
  });
  sendJson(ctx.res, 200, { content, paging: pagingOut(page, paging) });
};

/** GET /self-service/v2/locations/towns → the towns of the network's addresses. */
const listTowns: Handler = async (ctx) => {
  noQuery(ctx);
  const data = await ctx.gateway.run(NETWORK_TOWNS, {}, snakeCaseFields);
  sendJson(ctx.res, 200, { content: (data['networkTowns'] as string[] | null | undefined) ?? [] });
};

/** The filter's GraphQL names as the query parameters name them (the distance is `distance` on the network, `within` on locations). */
const fieldsNaming =
  (distance: 'distance' | 'within') =>
  (field: string | null | undefined): string | undefined => {
    if (!field) return undefined;
    const last = field.split('.').pop()!;
    if (last === 'withinKm') return distance;
    if (last === 'types') return 'type';
    return snakeCaseFields(last);
  };
const networkFields = fieldsNaming('distance');
const locationFields = fieldsNaming('within');

const PAGE = ['Page', 'Size', 'IncludeTotal'];
const doc = { tag: TAG, audience: 'selfservice' as const, reads: true };
const csvParam = (name: string, what: string) => query(name, { type: 'string' }, `Comma-separated ${what} (any of them, any case).`);
const flag = (name: string) => query(name, { type: 'boolean' }, 'Accepted: every item carries what the platform has.');

export const resource = defineResource({
  family: 'self-service',
  name: 'business-network',
  pathParameters: { id: 'NetworkOrganisationId' },
  openapi: {
    tags: [{ name: TAG, description: 'The business, its merchants and venues: profiles, the network, locations nearest first, towns.' }],
    parameters: {
      NetworkOrganisationId: {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The organisation id (uuid).',
        schema: { type: 'string', format: 'uuid' },
      },
      NetworkType: query('type', { type: 'string', enum: ['MERCHANT', 'VENUE'] }, 'Only merchants or only venues.'),
      NetworkTags: csvParam('tags', 'tag names'),
      NetworkIndustries: csvParam('industries', 'industry names'),
      NetworkIndustrySectors: csvParam('industry_sectors', 'industry sector names'),
      NetworkBusinessActivities: csvParam('business_activities', 'business activity names'),
      NetworkTownCities: csvParam('town_cities', 'towns'),
      NetworkCountries: csvParam('countries', 'ISO 3166-1 alpha-3 country codes'),
      NetworkTapCode: query('tap_code', { type: 'string' }, 'Only the organisation with this tap code.'),
      NetworkName: query('name', { type: 'string' }, 'Only names containing this (any case).'),
      NetworkLat: query('lat', { type: 'string' }, 'Latitude of the point to search from (with lon): nearest first, located organisations only.'),
      NetworkLon: query('lon', { type: 'string' }, 'Longitude of the point to search from.'),
      NetworkDistance: query('distance', { type: 'number' }, 'Only within this many kilometres of lat/lon.'),
      NetworkSort: query('sort', { type: 'string', enum: ['NAME', 'DISTANCE'] }, 'Accepted: nearest first with lat/lon, by name otherwise.'),
      NetworkOrder: query('order', { type: 'string', enum: ['ASC', 'DESC'] }, 'Accepted (see sort).'),
      NetworkContactRegistry: flag('contact_registry'),
      NetworkIncludeCustomFields: flag('include_custom_fields'),
      NetworkIncludeOrderCatalogs: flag('include_order_catalogs'),
      NetworkIncludeWifiSites: flag('include_wifi_sites'),
      NetworkCustomFields: query('custom_fields', { type: 'string' }, 'Not supported: a 400.'),
      LocationLat: { ...query('lat', { type: 'string' }, 'Latitude of the point (required).'), required: true },
      LocationLon: { ...query('lon', { type: 'string' }, 'Longitude of the point (required).'), required: true },
      LocationWithin: query('within', { type: 'string' }, 'Only within this many kilometres.'),
      LocationOrganisationId: query('organisation_id', { type: 'string', format: 'uuid' }, 'Only organisations under this one.'),
      LocationIncludeCreatives: flag('include_creatives'),
      LocationIncludeOpeningHours: query('include_opening_hours', { type: 'boolean' }, 'Adds opening_hours.'),
      LocationIncludeTags: query('include_tags', { type: 'boolean' }, 'Adds tags.'),
      LocationIsOpen: query('is_open', { type: 'string' }, 'Not supported: a 400.'),
      LocationSupplyMethod: query('supply_method', { type: 'string' }, 'Not supported: a 400.'),
    },
    responseSchemas: [
      { name: 'SelfServiceNetworkOrganisation', schema: networkOrganisationResponse },
      { name: 'SelfServiceNetworkList', schema: networkList },
      { name: 'SelfServiceLocationList', schema: locationList },
      { name: 'SelfServiceTownList', schema: townList },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/organisations/:id',
      handler: getOrganisation,
      operations: [NETWORK_ORGANISATION],
      doc: {
        ...doc,
        operationId: 'getOrganisationSS',
        summary: 'Get an organisation',
        description:
          'The business, a merchant or a venue with its addresses, opening hours, contact info and tags. One that left the network is 404.',
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The organisation.', schema: 'SelfServiceNetworkOrganisation' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/organisations/:id/network',
      handler: getNetwork,
      operations: [ORGANISATION_NETWORK],
      doc: {
        ...doc,
        operationId: 'listOrganisationNetworkSS',
        summary: "List an organisation's merchants and venues",
        description:
          'At any depth under the organisation. With lat/lon: located ones only, nearest first (within distance km when given); by name otherwise.',
        query: [
          'NetworkType',
          'NetworkTags',
          'NetworkIndustries',
          'NetworkIndustrySectors',
          'NetworkBusinessActivities',
          'NetworkTownCities',
          'NetworkCountries',
          'NetworkTapCode',
          'NetworkName',
          'NetworkLat',
          'NetworkLon',
          'NetworkDistance',
          'NetworkSort',
          'NetworkOrder',
          'NetworkContactRegistry',
          'NetworkIncludeCustomFields',
          'NetworkIncludeOrderCatalogs',
          'NetworkIncludeWifiSites',
          'NetworkCustomFields',
          ...PAGE,
        ],
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The network.', schema: 'SelfServiceNetworkList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/locations',
      handler: listLocations,
      operations: [NETWORK_LOCATIONS],
      doc: {
        ...doc,
        operationId: 'listLocationsSS',
        summary: 'List locations nearest first',
        description: "The tenant's located organisations, each at its nearest address with its distance in kilometres.",
        query: [
          'LocationLat',
          'LocationLon',
          'LocationWithin',
          'LocationOrganisationId',
          'NetworkName',
          'NetworkTags',
          'NetworkTownCities',
          'NetworkIndustries',
          'NetworkIndustrySectors',
          'NetworkBusinessActivities',
          'LocationIncludeCreatives',
          'NetworkIncludeCustomFields',
          'LocationIncludeOpeningHours',
          'NetworkIncludeOrderCatalogs',
          'LocationIncludeTags',
          'NetworkCustomFields',
          'LocationIsOpen',
          'LocationSupplyMethod',
          ...PAGE,
        ],
        success: { status: 200, description: 'The locations.', schema: 'SelfServiceLocationList' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/locations/towns',
      handler: listTowns,
      operations: [NETWORK_TOWNS],
      doc: {
        ...doc,
        operationId: 'listLocationTownsSS',
        summary: "List the towns of the network's locations",
        success: { status: 200, description: 'The towns, by name.', schema: 'SelfServiceTownList' },
      },
    },
  ],
});
