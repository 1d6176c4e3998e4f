import { AppError } from '@crm/platform/errors';
import { isCountryCode, type CountryCode } from '@crm/platform/reference';
import {
  ADDRESS_TYPES,
  GENDERS,
  PHONE_TYPES,
  type Address,
  type CompanyProfile,
  type CustomField,
  type Demographics,
  type Phone,
} from '@crm/event-bus/contracts/contacts';

/**
 * Pure input rules of the contact model. Each failure is a VALIDATION AppError naming the field
 * (GraphQL input names, dotted with indexes), so both APIs can say exactly what is wrong.
 */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LANGUAGE = /^[A-Z]{2,3}$/;
const PHONE_NUMBER = /^[0-9]{4,15}$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,49}$/u;

/** Enum membership, for callers that do not come through GraphQL's own enum checks. */
export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw AppError.validation(field, `must be one of ${allowed.join(', ')}`, 'INVALID_ENUM');
  return value as T;
}

export function text(field: string, value: string | null | undefined, max: number, required = false): string | null {
  if (value === undefined || value === null) {
    if (required) throw AppError.validation(field, 'is required', 'REQUIRED');
    return null;
  }

  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) throw AppError.validation(field, 'contains control characters');
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) throw AppError.validation(field, 'must not be empty', 'REQUIRED');
    return null;
  }
  if (trimmed.length > max) throw AppError.validation(field, `must be at most ${max} characters`, 'TOO_LONG');
  return trimmed;
}

export function email(field: string, value: string | null | undefined): string | null {
  const v = text(field, value, 254);
  if (v === null) return null;
  if (!EMAIL.test(v) || v.split('@')[0]!.length > 64) throw AppError.validation(field, 'is not a valid email address', 'INVALID_EMAIL');
  return v.toLowerCase();
}

export function country(field: string, value: string | null | undefined, required = false): CountryCode | null {
  const v = text(field, value, 3, required);
  if (v === null) return null;
  const upper = v.toUpperCase();
  if (!isCountryCode(upper)) throw AppError.validation(field, 'must be an ISO 3166-1 alpha-3 country code', 'INVALID_COUNTRY');
  return upper;
}

export function code(field: string, value: string | null | undefined): string | null {
  const v = text(field, value, 64);
  if (v === null) return null;
  if (!CODE.test(v)) throw AppError.validation(field, 'may contain only letters, digits, dot, dash and underscore (max 64)', 'INVALID_CODE');
  return v;
}

export function language(field: string, value: string | null | undefined): string | null {
  const v = text(field, value, 3);
  if (v === null) return null;
  const upper = v.toUpperCase();
  if (!LANGUAGE.test(upper)) throw AppError.validation(field, 'must be a 2- or 3-letter language code', 'INVALID_LANGUAGE');
  return upper;
}

export function latLon(field: string, value: number | null | undefined, limit: number): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isFinite(value) || Math.abs(value) > limit) throw AppError.validation(field, `must be between -${limit} and ${limit}`);
  return value;
}

export interface PhoneInput {
  type: string;
  countryCode: string;
  number: string;
  isPrimary?: boolean | null;
}

export function phones(field: string, input: PhoneInput[], newId: () => string, existing: Phone[] = []): Phone[] {
  if (input.length > 20) throw AppError.validation(field, 'at most 20 phones', 'TOO_MANY');
  const seen = new Set<string>();
  const out = input.map((p, i) => {
    const f = `${field}.${i}`;
    const number = (text(`${f}.number`, p.number, 30, true) ?? '').replace(/[\s().-]/g, '').replace(/^\+/, '');
    if (!PHONE_NUMBER.test(number)) throw AppError.validation(`${f}.number`, 'must be 4 to 15 digits', 'INVALID_PHONE');
    const countryCode = country(`${f}.countryCode`, p.countryCode, true)!;
    const key = `${countryCode}:${number}`;
    if (seen.has(key)) throw AppError.validation(`${f}.number`, 'is listed twice', 'DUPLICATE');
    seen.add(key);
    const same = existing.find((e) => e.countryCode === countryCode && e.number === number);
    return { id: same?.id ?? newId(), type: oneOf(`${f}.type`, p.type, PHONE_TYPES), countryCode, number, isPrimary: p.isPrimary === true };
  });
  if (out.filter((p) => p.isPrimary).length > 1) throw AppError.validation(field, 'only one phone can be primary', 'MULTIPLE_PRIMARY');
  if (out.length > 0 && !out.some((p) => p.isPrimary)) out[0]!.isPrimary = true;
  return out;
}

export interface AddressInput {
  type: string;
  name?: string | null;
  isPrimary?: boolean | null;
  isBilling?: boolean | null;
  addressLine1: string;
  addressLine2?: string | null;
  stateProvinceCounty?: string | null;
  townCity?: string | null;
  postalCode?: string | null;
  countryCode?: string | null;
  lat?: number | null;
  lon?: number | null;
  googlePlaceId?: string | null;
}

export function address(field: string, a: AddressInput, id: string): Address {
  return {
    id,
    type: oneOf(`${field}.type`, a.type, ADDRESS_TYPES),
    name: text(`${field}.name`, a.name, 100),
    isPrimary: a.isPrimary === true,
    isBilling: a.isBilling === true,
    addressLine1: text(`${field}.addressLine1`, a.addressLine1, 200, true)!,
    addressLine2: text(`${field}.addressLine2`, a.addressLine2, 200),
    stateProvinceCounty: text(`${field}.stateProvinceCounty`, a.stateProvinceCounty, 100),
    townCity: text(`${field}.townCity`, a.townCity, 100),
    postalCode: text(`${field}.postalCode`, a.postalCode, 20),
    countryCode: country(`${field}.countryCode`, a.countryCode),
    lat: latLon(`${field}.lat`, a.lat, 90),
    lon: latLon(`${field}.lon`, a.lon, 180),
    googlePlaceId: text(`${field}.googlePlaceId`, a.googlePlaceId, 300),
  };
}

export function tags(field: string, input: string[]): string[] {
  if (input.length > 50) throw AppError.validation(field, 'at most 50 tags', 'TOO_MANY');
  const out: string[] = [];
  input.forEach((t, i) => {
    const v = text(`${field}.${i}`, t, 50, true)!;
    if (!TAG.test(v)) throw AppError.validation(`${field}.${i}`, 'may contain letters, digits, spaces and . _ : / -', 'INVALID_TAG');
    if (!out.some((o) => o.toLowerCase() === v.toLowerCase())) out.push(v);
  });
  return out;
}

export function customFields(field: string, input: { key: string; value: string }[]): CustomField[] {
  if (input.length > 100) throw AppError.validation(field, 'at most 100 custom fields', 'TOO_MANY');
  const keys = new Set<string>();
  return input.map((c, i) => {
    const key = text(`${field}.${i}.key`, c.key, 100, true)!;
    if (keys.has(key)) throw AppError.validation(`${field}.${i}.key`, 'is listed twice', 'DUPLICATE');
    keys.add(key);
    const value = text(`${field}.${i}.value`, c.value, 2000) ?? '';
    return { key, value };
  });
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function dayOfYear(field: string, month: number, day: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw AppError.validation(`${field}.month`, 'must be 1 to 12', 'INVALID_DATE');
  if (!Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]!)
    throw AppError.validation(`${field}.day`, 'is not a day of that month', 'INVALID_DATE');
}

export interface IdDocumentInput {
  number: string;
  issuingCountryCode: string;
  expirationDate: number;
}

export interface DemographicsInput {
  gender?: string | null;
  dateOfBirth?: { year: number; month: number; day: number } | null;
  nameDay?: { month: number; day: number } | null;
  passport?: IdDocumentInput | null;
  idDetails?: IdDocumentInput | null;
  statutoryNumber?: string | null;
}

function idDocument(field: string, d: IdDocumentInput | null | undefined) {
  if (!d) return null;
  if (!Number.isInteger(d.expirationDate) || d.expirationDate < 0) throw AppError.validation(`${field}.expirationDate`, 'must be epoch seconds');
  return {
    number: text(`${field}.number`, d.number, 50, true)!,
    issuingCountryCode: country(`${field}.issuingCountryCode`, d.issuingCountryCode, true)!,
    expirationDate: d.expirationDate,
  };
}

export function demographics(field: string, d: DemographicsInput, now: Date): Demographics {
  let dateOfBirth = null;
  if (d.dateOfBirth) {
    const { year, month, day } = d.dateOfBirth;
    if (!Number.isInteger(year) || year < 1900 || year > now.getUTCFullYear())
      throw AppError.validation(`${field}.dateOfBirth.year`, 'is out of range', 'INVALID_DATE');
    dayOfYear(`${field}.dateOfBirth`, month, day);
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date > now) throw AppError.validation(`${field}.dateOfBirth`, 'is not a valid past date', 'INVALID_DATE');
    dateOfBirth = { year, month, day };
  }
  let nameDay = null;
  if (d.nameDay) {
    dayOfYear(`${field}.nameDay`, d.nameDay.month, d.nameDay.day);
    nameDay = { month: d.nameDay.month, day: d.nameDay.day };
  }
  return {
    gender: d.gender === undefined || d.gender === null ? null : oneOf(`${field}.gender`, d.gender, GENDERS),
    dateOfBirth,
    nameDay,
    passport: idDocument(`${field}.passport`, d.passport),
    idDetails: idDocument(`${field}.idDetails`, d.idDetails),
    statutoryNumber: text(`${field}.statutoryNumber`, d.statutoryNumber, 50),
  };
}

export interface CompanyProfileInput {
  registrationNumber?: string | null;
  registrationCountry?: string | null;
  taxReferenceNumber?: string | null;
  vatRegistrationNumber?: string | null;
  industryId?: string | null;
  subIndustryIds?: string[] | null;
}

/** The same UUID rule as the event contracts (zod `z.uuid()`: RFC 9562 version and variant, or nil/max). */
const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

export function companyProfile(field: string, c: CompanyProfileInput): CompanyProfile {
  const uuid = (f: string, v: string | null | undefined) => {
    if (v === null || v === undefined) return null;
    if (!UUID.test(v)) throw AppError.validation(f, 'must be a UUID', 'INVALID_ID');
    return v.toLowerCase();
  };
  const subs = c.subIndustryIds ?? [];
  if (subs.length > 50) throw AppError.validation(`${field}.subIndustryIds`, 'at most 50', 'TOO_MANY');
  return {
    registrationNumber: text(`${field}.registrationNumber`, c.registrationNumber, 50),
    registrationCountry: country(`${field}.registrationCountry`, c.registrationCountry),
    taxReferenceNumber: text(`${field}.taxReferenceNumber`, c.taxReferenceNumber, 50),
    vatRegistrationNumber: text(`${field}.vatRegistrationNumber`, c.vatRegistrationNumber, 50),
    industryId: uuid(`${field}.industryId`, c.industryId),
    subIndustryIds: subs.map((s, i) => uuid(`${field}.subIndustryIds.${i}`, s)!),
  };
}
