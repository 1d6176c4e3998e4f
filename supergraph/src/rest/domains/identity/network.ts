import { z } from 'zod';
import { AppError } from '@crm/platform/errors';
import { CONTACT_INFO_TYPES, OPERATIONS, WEEK_DAYS } from '@crm/event-bus/contracts/identity';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { op } from '../../kit/operation';
import { countryCodeResponse } from '../../kit/response-schemas';

/**
 * The business network (identity read side), shared by the Self-Service reads (organisations,
 * their network, locations, towns) and the Back-Office writes of merchants and venues.
 */
const ORGANISATION_FIELDS = `id parentId type name description industry industrySectors businessActivities tags tapCode
  addresses { id name addressLine1 addressLine2 townCity postalCode stateProvinceCounty countryCode lat lon googlePlaceId isPrimary }
  contactInfo { id type name value countryCode }
  openingHours { dayOfWeek open close operation }
  distanceKm nearestAddressId`;

export const NETWORK_ORGANISATION = op(
  'query',
  'RestNetworkOrganisation',
  `query RestNetworkOrganisation($id: ID!) { networkOrganisation(id: $id) { ${ORGANISATION_FIELDS} } }`,
);
export const ORGANISATION_NETWORK = op(
  'query',
  'RestOrganisationNetwork',
  `query RestOrganisationNetwork($id: ID!, $filter: NetworkFilterInput, $page: Int!, $size: Int!) { organisationNetwork(id: $id, filter: $filter, page: $page, size: $size) { total hasMore items { ${ORGANISATION_FIELDS} } } }`,
);
export const NETWORK_LOCATIONS = op(
  'query',
  'RestNetworkLocations',
  `query RestNetworkLocations($filter: NetworkFilterInput!, $organisationId: ID, $page: Int!, $size: Int!) { networkLocations(filter: $filter, organisationId: $organisationId, page: $page, size: $size) { total hasMore items { ${ORGANISATION_FIELDS} } } }`,
);
export const NETWORK_TOWNS = op('query', 'RestNetworkTowns', `query RestNetworkTowns { networkTowns }`);

export interface GqlNetworkAddress {
  id: string;
  name: string | null;
  addressLine1: string;
  addressLine2: string | null;
  townCity: string;
  postalCode: string;
  stateProvinceCounty: string | null;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  googlePlaceId: string | null;
  isPrimary: boolean;
}
export interface GqlNetworkOrganisation {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  description: string | null;
  industry: string | null;
  industrySectors: string[];
  businessActivities: string[];
  tags: string[];
  tapCode: string | null;
  addresses: GqlNetworkAddress[];
  contactInfo: { id: string; type: string; name: string; value: string; countryCode: string | null }[];
  openingHours: { dayOfWeek: string; open: string; close: string; operation: string }[];
  distanceKm: number | null;
  nearestAddressId: string | null;
}
export interface GqlNetworkPage {
  total: number;
  hasMore: boolean;
  items: GqlNetworkOrganisation[];
}

const named = z.strictObject({ name: z.string() });
const address = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  address_line_1: z.string(),
  address_line_2: z.string().nullable(),
  town_city: z.string(),
  postal_code: z.string(),
  state_province_county: z.string().nullable(),
  country_code: countryCodeResponse,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  google_place_id: z.string().nullable(),
  is_primary: z.boolean(),
});
const contactInfo = z.strictObject({
  id: z.string(),
  type: z.enum(CONTACT_INFO_TYPES),
  name: z.string(),
  value: z.string(),
  country_code: countryCodeResponse.optional(),
});
const openingHours = z.strictObject({ day_of_week: z.enum(WEEK_DAYS), open: z.string(), close: z.string(), operation: z.enum(OPERATIONS) });

/** `GET /organisations/{id}` and each `/organisations/{id}/network` item (the contract's shape, plus `type`). */
export const networkOrganisationResponse = z.strictObject({
  id: z.string(),
  type: z.enum(['BUSINESS', 'MERCHANT', 'VENUE']).describe('Not in the published contract; what the organisation is.'),
  name: z.string(),
  description: z.string().optional(),
  industry_name: z.string().optional(),
  industry_sectors: z.array(named),
  business_activities: z.array(named),
  tags: z.array(named),
  addresses: z.array(address),
  contact_info: z.array(contactInfo),
  operation_details: z.strictObject({ opening_hours: z.array(openingHours) }),
});

export function networkOrganisationOut(o: GqlNetworkOrganisation): z.infer<typeof networkOrganisationResponse> {
  return {
    id: o.id,
    type: o.type as 'BUSINESS' | 'MERCHANT' | 'VENUE',
    name: o.name,
    ...(o.description ? { description: o.description } : {}),
    ...(o.industry ? { industry_name: o.industry } : {}),
    industry_sectors: o.industrySectors.map((name) => ({ name })),
    business_activities: o.businessActivities.map((name) => ({ name })),
    tags: o.tags.map((name) => ({ name })),
    addresses: o.addresses.map(addressOut),
    contact_info: o.contactInfo.map((c) => ({
      id: c.id,
      type: c.type as (typeof CONTACT_INFO_TYPES)[number],
      name: c.name,
      value: c.value,
      ...(c.countryCode ? { country_code: c.countryCode as (typeof COUNTRY_CODES)[number] } : {}),
    })),
    operation_details: {
      opening_hours: o.openingHours.map((h) => ({
        day_of_week: h.dayOfWeek as (typeof WEEK_DAYS)[number],
        open: h.open,
        close: h.close,
        operation: h.operation as (typeof OPERATIONS)[number],
      })),
    },
  };
}

export const addressOut = (a: GqlNetworkAddress): z.infer<typeof address> => ({
  id: a.id,
  name: a.name,
  address_line_1: a.addressLine1,
  address_line_2: a.addressLine2,
  town_city: a.townCity,
  postal_code: a.postalCode,
  state_province_county: a.stateProvinceCounty,
  country_code: a.countryCode as (typeof COUNTRY_CODES)[number],
  lat: a.lat,
  lon: a.lon,
  google_place_id: a.googlePlaceId,
  is_primary: a.isPrimary,
});

/** A comma-separated query parameter as a list (empty items dropped; at most 50). */
export function csv(name: string, raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length > 50) throw AppError.validation(name, 'at most 50 values', 'TOO_MANY');
  return list;
}

/** A decimal query parameter (lat, lon, distance); 400 naming it otherwise. */
export function decimal(name: string, raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^-?[0-9]{1,4}(\.[0-9]{1,15})?$/.test(raw.trim())) throw AppError.validation(name, 'must be a decimal number', 'INVALID_VALUE');
  return Number(raw);
}
