import { AppError } from '@crm/platform/errors';
import { sameJson } from '@crm/platform/json';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { CONTACT_INFO_TYPES, OPERATIONS, WEEK_DAYS, type OrganisationProfile } from '@crm/event-bus/contracts/identity';
import type { OrganisationType } from './organisations';
import type { OrganisationProfileChange, OrganisationProfileState } from './organisation-profile';

/** The profile as the Back-Office sends it; addresses and contact info without an id get one from the caller first. */
export interface SetOrganisationProfile {
  description?: string | null;
  industry?: string | null;
  industrySectors?: string[] | null;
  businessActivities?: string[] | null;
  tags?: string[] | null;
  tapCode?: string | null;
  addresses?:
    | {
        id: string;
        name?: string | null;
        addressLine1: string;
        addressLine2?: string | null;
        townCity: string;
        postalCode: string;
        stateProvinceCounty?: string | null;
        countryCode: string;
        lat?: number | null;
        lon?: number | null;
        googlePlaceId?: string | null;
        isPrimary?: boolean | null;
      }[]
    | null;
  contactInfo?: { id: string; type: string; name: string; value: string; countryCode?: string | null }[] | null;
  openingHours?: { dayOfWeek: string; open: string; close: string; operation?: string | null }[] | null;
}

/** The organisation the profile is of, looked up by the caller (null: the tenant has none with that id). */
export interface ProfileTarget {
  organisationId: string;
  organisation: { id: string; type: OrganisationType } | null;
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${allowed.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

function textOf(field: string, value: string | null | undefined, max: number): string {
  const v = (value ?? '').trim();
  if (!v) throw AppError.validation(field, 'is required', 'REQUIRED');
  if (v.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  if (/\p{Cc}/u.test(v)) throw AppError.validation(field, 'must not contain control characters', 'INVALID_CHARACTERS');
  return v;
}

const optionalText = (field: string, value: string | null | undefined, max: number): string | null =>
  value == null || value.trim() === '' ? null : textOf(field, value, max);

/** A list of names, trimmed, each once (any case), at most `max`. */
function names(field: string, list: string[] | null | undefined, max: number): string[] {
  const out: string[] = [];
  (list ?? []).forEach((n, i) => {
    const v = textOf(`${field}.${i}`, n, 100);
    if (!out.some((o) => o.toLowerCase() === v.toLowerCase())) out.push(v);
  });
  if (out.length > max) throw AppError.validation(field, `at most ${max}`, 'TOO_MANY');
  return out;
}

function coordinate(field: string, value: number | null | undefined, limit: number): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < -limit || value > limit)
    throw AppError.validation(field, `must be between -${limit} and ${limit}`, 'OUT_OF_RANGE');
  return value;
}

/** Validates and normalises the whole profile (pure). */
export function organisationProfileOf(cmd: SetOrganisationProfile): OrganisationProfile {
  const addresses = (cmd.addresses ?? []).map((a, i) => {
    const f = (name: string) => `addresses.${i}.${name}`;
    const lat = coordinate(f('lat'), a.lat, 90);
    const lon = coordinate(f('lon'), a.lon, 180);
    if ((lat === null) !== (lon === null)) throw AppError.validation(f(lat === null ? 'lat' : 'lon'), 'lat and lon go together', 'REQUIRED');
    return {
      id: a.id,
      name: optionalText(f('name'), a.name, 100),
      addressLine1: textOf(f('address_line_1'), a.addressLine1, 200),
      addressLine2: optionalText(f('address_line_2'), a.addressLine2, 200),
      townCity: textOf(f('town_city'), a.townCity, 100),
      postalCode: textOf(f('postal_code'), a.postalCode, 20),
      stateProvinceCounty: optionalText(f('state_province_county'), a.stateProvinceCounty, 100),
      countryCode: oneOf(f('country_code'), a.countryCode, COUNTRY_CODES),
      lat,
      lon,
      googlePlaceId: optionalText(f('google_place_id'), a.googlePlaceId, 300),
      isPrimary: a.isPrimary ?? false,
    };
  });
  if (addresses.length > 20) throw AppError.validation('addresses', 'at most 20 addresses', 'TOO_MANY');
  const primaries = addresses.filter((a) => a.isPrimary).length;
  if (primaries > 1) throw AppError.validation('addresses', 'at most one address is primary', 'INVALID_VALUE');
  if (primaries === 0 && addresses[0]) addresses[0].isPrimary = true;
  const contactInfo = (cmd.contactInfo ?? []).map((c, i) => ({
    id: c.id,
    type: oneOf(`contact_info.${i}.type`, c.type, CONTACT_INFO_TYPES),
    name: textOf(`contact_info.${i}.name`, c.name, 100),
    value: textOf(`contact_info.${i}.value`, c.value, 200),
    countryCode: c.countryCode ? oneOf(`contact_info.${i}.country_code`, c.countryCode, COUNTRY_CODES) : null,
  }));
  if (contactInfo.length > 20) throw AppError.validation('contact_info', 'at most 20 entries', 'TOO_MANY');
  const openingHours = (cmd.openingHours ?? []).map((h, i) => {
    const f = (name: string) => `opening_hours.${i}.${name}`;
    if (!TIME.test(h.open)) throw AppError.validation(f('open'), 'must be HH:MM (24-hour)', 'INVALID_VALUE');
    if (!TIME.test(h.close)) throw AppError.validation(f('close'), 'must be HH:MM (24-hour)', 'INVALID_VALUE');
    if (h.open === h.close) throw AppError.validation(f('close'), 'must differ from open', 'INVALID_VALUE');
    return {
      dayOfWeek: oneOf(f('day_of_week'), h.dayOfWeek, WEEK_DAYS),
      open: h.open,
      close: h.close,
      operation: oneOf(f('operation'), h.operation ?? 'ANY', OPERATIONS),
    };
  });
  if (openingHours.length > 50) throw AppError.validation('opening_hours', 'at most 50 entries', 'TOO_MANY');
  return {
    description: optionalText('description', cmd.description, 2000),
    industry: optionalText('industry', cmd.industry, 100),
    industrySectors: names('industry_sectors', cmd.industrySectors, 20),
    businessActivities: names('business_activities', cmd.businessActivities, 20),
    tags: names('tags', cmd.tags, 50),
    tapCode: optionalText('tap_code', cmd.tapCode, 100),
    addresses,
    contactInfo,
    openingHours,
  };
}

const definitionOf = (s: OrganisationProfileState): OrganisationProfile => {
  const { id: _id, version: _v, closed: _c, ...profile } = s;
  return profile;
};

/** Sets (or replaces) the profile of an organisation of the tenant; the same profile again changes nothing (pure). */
export function setOrganisationProfile(
  state: OrganisationProfileState | null,
  cmd: SetOrganisationProfile & ProfileTarget,
): OrganisationProfileChange[] {
  if (!cmd.organisation) throw AppError.notFound('organisation', cmd.organisationId);
  const { organisationId: _o, organisation: _org, ...input } = cmd;
  const data = organisationProfileOf(input);
  if (state && !state.closed && sameJson(data, definitionOf(state))) return [];
  return [{ type: 'organisation.profile_set', data }];
}

/** Takes the organisation out of the business network (pure); setting a profile again brings it back. */
export function closeOrganisationProfile(state: OrganisationProfileState | null, cmd: ProfileTarget): OrganisationProfileChange[] {
  if (!cmd.organisation || !state || state.closed) throw AppError.notFound('organisation', cmd.organisationId);
  return [{ type: 'organisation.profile_closed', data: {} }];
}
