import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { sendJson, type Handler } from '../../kit/context';
import { recordNotFound } from '../../kit/errors';
import { snakeCaseFields } from '../../kit/field-names';
import { op } from '../../kit/operation';
import { query } from '../../kit/openapi';
import { queryParams } from '../../kit/request';
import { defineResource } from '../../kit/resource';
import { countryCodeResponse } from '../../kit/response-schemas';

const TAG = 'Self-service address lookup';

const SUGGEST = op(
  'query',
  'RestAddressSuggestions',
  `query RestAddressSuggestions($input: String!, $sessionId: String!, $countries: [String!]) { addressSuggestions(input: $input, sessionId: $sessionId, countries: $countries) { description placeId } }`,
);
const DETAILS = op(
  'query',
  'RestAddressDetails',
  `query RestAddressDetails($sessionId: String!, $placeId: String, $lat: Float, $lon: Float) { addressDetails(sessionId: $sessionId, placeId: $placeId, lat: $lat, lon: $lon) { address addressLine1 addressLine2 townCity postalCode stateProvinceCounty countryCode lat lon placeId } }`,
);

interface GqlDetails {
  address: string;
  addressLine1: string | null;
  addressLine2: string | null;
  townCity: string | null;
  postalCode: string | null;
  stateProvinceCounty: string | null;
  countryCode: string | null;
  lat: number | null;
  lon: number | null;
  placeId: string | null;
}

const suggestionList = z.strictObject({ content: z.array(z.strictObject({ address_description: z.string(), google_place_id: z.string() })) });
const addressDetails = z.strictObject({
  address: z.string(),
  address_line_1: z.string().optional(),
  address_line_2: z.string().optional(),
  town_city: z.string().optional(),
  postal_code: z.string().optional(),
  state_province_county: z.string().optional(),
  country_code: countryCodeResponse.optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  google_place_id: z.string().optional(),
});

/** GraphQL argument names as the query parameters name them. */
const lookupFields = (field: string | null | undefined): string | undefined => {
  if (!field) return undefined;
  if (field === 'sessionId') return 'session_id';
  if (field === 'placeId') return 'google_place_id';
  if (field === 'lat' || field === 'lon') return 'latlng';
  return snakeCaseFields(field);
};

/** GET /self-service/v2/addresses?input=&session_id=&countries= → suggestions (Google Places Autocomplete). */
const suggest: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['input', 'session_id', 'countries']);
  const input = params.get('input');
  if (!input) throw AppError.validation('input', 'is required', 'REQUIRED');
  const sessionId = params.get('session_id');
  if (!sessionId) throw AppError.validation('session_id', 'is required (a UUID v4 per address form)', 'REQUIRED');
  const countries =
    params
      .get('countries')
      ?.split(',')
      .map((c) => c.trim().toUpperCase())
      .filter((c) => c !== '') ?? null;
  countries?.forEach((c) => {
    if (!(COUNTRY_CODES as readonly string[]).includes(c))
      throw AppError.validation('countries', `${c} is not an ISO 3166-1 alpha-3 code`, 'INVALID_ENUM');
  });
  const data = await ctx.gateway.run(SUGGEST, { input, sessionId, countries }, lookupFields);
  const list = (data['addressSuggestions'] as { description: string; placeId: string }[] | null | undefined) ?? [];
  sendJson(ctx.res, 200, { content: list.map((s) => ({ address_description: s.description, google_place_id: s.placeId })) });
};

/** GET /self-service/v2/get_addresses?google_place_id=|latlng=&session_id= → the address parts of a place or a point. */
const details: Handler = async (ctx) => {
  const params = queryParams(ctx.url.searchParams, ['google_place_id', 'latlng', 'session_id']);
  const sessionId = params.get('session_id');
  if (!sessionId) throw AppError.validation('session_id', 'is required (a UUID v4 per address form)', 'REQUIRED');
  const placeId = params.get('google_place_id') ?? null;
  const latlng = params.get('latlng');
  let point: { lat: number; lon: number } | null = null;
  if (latlng !== undefined) {
    const m = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(latlng);
    if (!m) throw AppError.validation('latlng', 'must be lat,lon', 'INVALID_VALUE');
    point = { lat: Number(m[1]), lon: Number(m[2]) };
  }
  if (!placeId && !point) throw AppError.validation('google_place_id', 'google_place_id or latlng is required', 'REQUIRED');
  const data = await ctx.gateway.run(DETAILS, { sessionId, placeId, lat: point?.lat ?? null, lon: point?.lon ?? null }, lookupFields);
  const d = data['addressDetails'] as GqlDetails | null | undefined;
  if (!d) throw recordNotFound('address', placeId ?? latlng ?? '');
  const optional = <K extends string>(key: K, v: string | number | null) => (v === null || v === '' ? {} : { [key]: v });
  sendJson(ctx.res, 200, {
    address: d.address,
    ...optional('address_line_1', d.addressLine1),
    ...optional('address_line_2', d.addressLine2),
    ...optional('town_city', d.townCity),
    ...optional('postal_code', d.postalCode),
    ...optional('state_province_county', d.stateProvinceCounty),
    ...optional('country_code', d.countryCode),
    ...optional('lat', d.lat),
    ...optional('lon', d.lon),
    ...optional('google_place_id', d.placeId),
  });
};

export const resource = defineResource({
  family: 'self-service',
  name: 'address-lookup',
  openapi: {
    tags: [
      {
        name: TAG,
        description: 'Address suggestions for address forms (Google Places; 400 ADDRESS_LOOKUP_NOT_CONFIGURED without ADDRESS_LOOKUP_API_KEY).',
      },
    ],
    parameters: {
      LookupInput: { ...query('input', { type: 'string', maxLength: 200 }, 'What the contact typed (required).'), required: true },
      LookupSession: {
        ...query('session_id', { type: 'string', format: 'uuid' }, 'A UUID v4 per address form (Places session; required).'),
        required: true,
      },
      LookupCountries: query('countries', { type: 'string' }, 'Comma-separated ISO 3166-1 alpha-3 codes (at most 5).'),
      LookupPlaceId: query('google_place_id', { type: 'string' }, 'A place id from GET /addresses (or latlng).'),
      LookupLatLng: query('latlng', { type: 'string' }, '`lat,lon`: the address at a point (when no google_place_id).'),
    },
    responseSchemas: [
      { name: 'SelfServiceAddressSuggestions', schema: suggestionList },
      { name: 'SelfServiceAddressDetails', schema: addressDetails },
    ],
  },
  routes: [
    {
      method: 'GET',
      path: '/self-service/v2/addresses',
      handler: suggest,
      operations: [SUGGEST],
      doc: {
        operationId: 'listAddressSuggestionsSS',
        summary: 'Suggest addresses for what was typed',
        tag: TAG,
        audience: 'selfservice',
        query: ['LookupInput', 'LookupSession', 'LookupCountries'],
        success: { status: 200, description: 'The suggestions.', schema: 'SelfServiceAddressSuggestions' },
      },
    },
    {
      method: 'GET',
      path: '/self-service/v2/get_addresses',
      handler: details,
      operations: [DETAILS],
      doc: {
        operationId: 'getAddressDetailsSS',
        summary: 'Get the address of a place or a point',
        tag: TAG,
        audience: 'contactOrSecret',
        query: ['LookupPlaceId', 'LookupLatLng', 'LookupSession'],
        notFound: 'RecordNotFound',
        success: { status: 200, description: 'The address parts.', schema: 'SelfServiceAddressDetails' },
      },
    },
  ],
});
