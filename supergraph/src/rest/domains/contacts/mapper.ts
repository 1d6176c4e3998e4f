import { AppError } from '@crm/platform/errors';
import { epochSeconds } from '../../kit/format';
import type {
  AddressBody,
  BackOfficeCreateBody,
  BackOfficePhoneBody,
  BackOfficeUpdateBody,
  CompanyProfileBody,
  DemographicsBody,
  SelfServiceUpdateBody,
} from './bodies';
import type { GqlAddress, GqlCompanyProfile, GqlContact, GqlDemographics, GqlIdDocument, GqlPhone } from './operations';

/**
 * GraphQL Contact ↔ REST JSON.
 *
 * Out: snake_case, epoch-second timestamps, and absent values OMITTED rather than sent as null
 * (the Self-Service response schemas are not nullable). The self-service contact is exactly the
 * OpenAPI field set plus `created_date`/`updated_date`; the back-office contact adds the fields
 * the back-office POST body uses (`contact_type`, `email_address`, `phones[]`, `addresses[]`),
 * `tags`, `display_name` and `version`.
 *
 * In: REST bodies (already validated by bodies.ts) → GraphQL inputs. On create, null
 * means "not given"; on update, null clears a field and an omitted field stays as is.
 */

type Json = Record<string, unknown>;

/** Copies entries whose value is neither null nor undefined. */
function compact(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

export { epochSeconds } from '../../kit/format';

// ---- out -------------------------------------------------------------------------------

function idDocumentOut(d: GqlIdDocument | null): Json | undefined {
  return d ? { number: d.number, issuing_country_code: d.issuingCountryCode, expiration_date: d.expirationDate } : undefined;
}

export function demographicsOut(d: GqlDemographics | null): Json | undefined {
  if (!d) return undefined;
  const out = compact({
    gender: d.gender,
    name_day: d.nameDay ? { month: d.nameDay.month, day: d.nameDay.day } : null,
    date_of_birth: d.dateOfBirth ? { year: d.dateOfBirth.year, month: d.dateOfBirth.month, day: d.dateOfBirth.day } : null,
    passport: idDocumentOut(d.passport),
    statutory_number: d.statutoryNumber,
    id_details: idDocumentOut(d.idDetails),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

export function companyProfileOut(c: GqlCompanyProfile | null): Json | undefined {
  if (!c) return undefined;
  return compact({
    registration_number: c.registrationNumber,
    registration_country: c.registrationCountry,
    tax_reference_number: c.taxReferenceNumber,
    vat_registration_number: c.vatRegistrationNumber,
    industry: c.industryId ? { id: c.industryId } : null,
    sub_industries: c.subIndustryIds.map((id) => ({ id })),
  });
}

/** The primary phone (the first one when none is marked). */
export function primaryPhone(phones: readonly GqlPhone[]): GqlPhone | undefined {
  return phones.find((p) => p.isPrimary) ?? phones[0];
}

/** Self-service address item (OpenAPI listContactAddressesSS) plus `is_billing_address`. */
export function addressOut(a: GqlAddress, typeField: 'type' | 'address_type' = 'type'): Json {
  return compact({
    id: a.id,
    [typeField]: a.type,
    name: a.name,
    is_primary: a.isPrimary,
    is_billing_address: a.isBilling,
    address_line_1: a.addressLine1,
    address_line_2: a.addressLine2,
    state_province_county: a.stateProvinceCounty,
    town_city: a.townCity,
    postal_code: a.postalCode,
    country_code: a.countryCode,
    lat: a.lat,
    lon: a.lon,
    google_place_id: a.googlePlaceId,
  });
}

/** GET /self-service/v2/contacts/{id} (OpenAPI getSingleContactSS) plus created/updated dates. */
export function toSelfServiceContact(c: GqlContact): Json {
  const phone = primaryPhone(c.phones);
  return compact({
    id: c.id,
    code: c.code,
    type: c.type,
    first_name: c.firstName,
    middle_name: c.middleName,
    last_name: c.lastName,
    company_name: c.companyName,
    company_profile: companyProfileOut(c.companyProfile),
    language_code: c.languageCode,
    email: c.email,
    phone: phone ? { id: phone.id, type: phone.type, country_code: phone.countryCode, number: phone.number } : null,
    demographics: demographicsOut(c.demographics),
    referral_code: c.referralCode,
    sms_opt_out: c.smsOptOut,
    email_opt_out: c.emailOptOut,
    country_of_agreement: c.countryOfAgreement,
    custom_fields: c.customFields.map((f) => ({ key: f.key, value: f.value })),
    created_date: epochSeconds(c.createdAt),
    updated_date: epochSeconds(c.updatedAt),
    wallet: c.wallet ? { id: c.wallet.id, code: c.wallet.code } : null,
  });
}

/** GET /backoffice/v2/contacts/{id} and list items: the self-service shape plus back-office fields. */
export function toBackOfficeContact(c: GqlContact): Json {
  return compact({
    ...toSelfServiceContact(c),
    contact_type: c.type,
    display_name: c.displayName,
    email_address: c.email,
    phones: c.phones.map((p) => ({ id: p.id, phone_type: p.type, country_code: p.countryCode, number: p.number, is_primary: p.isPrimary })),
    addresses: c.addresses.map((a) => addressOut(a, 'address_type')),
    tags: [...c.tags],
    version: c.version,
  });
}

// ---- in --------------------------------------------------------------------------------

/**
 * Resolves a field sent under two spellings. Both given → 400 naming the alternative;
 * returns the value under whichever was sent.
 */
export function oneOfSpellings<T>(body: object, preferred: string, alternative: string, prefix = ''): T | undefined {
  const b = body as Record<string, unknown>;
  if (b[preferred] !== undefined && b[alternative] !== undefined) {
    throw AppError.validation(`${prefix}${alternative}`, `duplicates ${prefix}${preferred}; send only one of them`, 'DUPLICATE_FIELD');
  }
  return (b[preferred] !== undefined ? b[preferred] : b[alternative]) as T | undefined;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null) throw AppError.validation(field, 'is required', 'REQUIRED');
  return value;
}

/** Drops undefined entries (GraphQL: omitted = unchanged) but keeps null (= clear). */
function defined(entries: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * An address body → AddressInput. `typeField` is the spelling the route documents (`type` in
 * self-service, `address_type` in back-office `addresses[]`); the other is accepted too.
 */
export function addressIn(body: AddressBody, prefix = '', typeField: 'type' | 'address_type' = 'type'): Json {
  const other = typeField === 'type' ? 'address_type' : 'type';
  const type = required(oneOfSpellings<string>(body, typeField, other, prefix), `${prefix}${typeField}`);
  return defined({
    type,
    name: body.name,
    isPrimary: body.is_primary,
    isBilling: body.is_billing_address,
    addressLine1: body.address_line_1,
    addressLine2: body.address_line_2,
    stateProvinceCounty: body.state_province_county,
    townCity: body.town_city,
    postalCode: body.postal_code,
    countryCode: body.country_code,
    lat: body.lat,
    lon: body.lon,
    googlePlaceId: body.google_place_id,
  });
}

function backOfficePhoneIn(p: BackOfficePhoneBody, index: number): Json {
  const type = required(oneOfSpellings<string>(p, 'phone_type', 'type', `phones.${index}.`), `phones.${index}.phone_type`);
  return defined({ type, countryCode: p.country_code, number: p.number, isPrimary: p.is_primary });
}

type IdDocumentBody = NonNullable<DemographicsBody['passport']>;
const idDocumentIn = (d: IdDocumentBody | null | undefined) =>
  d === undefined
    ? undefined
    : d === null
      ? null
      : { number: d.number, issuingCountryCode: d.issuing_country_code, expirationDate: d.expiration_date };

/** Demographics body → DemographicsInput, field by field (undefined stays undefined). */
function demographicsFields(d: DemographicsBody): Json {
  return defined({
    gender: d.gender,
    dateOfBirth: d.date_of_birth,
    nameDay: d.name_day,
    passport: idDocumentIn(d.passport),
    idDetails: idDocumentIn(d.id_details),
    statutoryNumber: d.statutory_number,
  });
}

function companyProfileFields(c: CompanyProfileBody): Json {
  const industry = c.industry === undefined ? undefined : c.industry === null ? null : c.industry.id;
  if (c.industry_id !== undefined && industry !== undefined) {
    throw AppError.validation('company_profile.industry', 'duplicates company_profile.industry_id; send only one of them', 'DUPLICATE_FIELD');
  }
  return defined({
    registrationNumber: c.registration_number,
    registrationCountry: c.registration_country,
    taxReferenceNumber: c.tax_reference_number,
    vatRegistrationNumber: c.vat_registration_number,
    industryId: c.industry_id !== undefined ? c.industry_id : industry,
    subIndustryIds: c.sub_industries === undefined ? undefined : c.sub_industries === null ? null : c.sub_industries.map((s) => s.id),
  });
}

/** The current demographics as a DemographicsInput (for field-level merges on update). */
export function demographicsAsInput(d: GqlDemographics | null): Json {
  if (!d) return {};
  return defined({
    gender: d.gender,
    dateOfBirth: d.dateOfBirth,
    nameDay: d.nameDay,
    passport: d.passport,
    idDetails: d.idDetails,
    statutoryNumber: d.statutoryNumber,
  });
}

export function companyProfileAsInput(c: GqlCompanyProfile | null): Json {
  if (!c) return {};
  return {
    registrationNumber: c.registrationNumber,
    registrationCountry: c.registrationCountry,
    taxReferenceNumber: c.taxReferenceNumber,
    vatRegistrationNumber: c.vatRegistrationNumber,
    industryId: c.industryId,
    subIndustryIds: c.subIndustryIds,
  };
}

/**
 * Nested objects on update are merged field by field with the current value (REST PUT here is a
 * partial update all the way down); null replaces the whole object. The GraphQL input replaces
 * the nested object, so the facade sends the merged result.
 */
function mergeNested(current: Json, patch: Json | null | undefined): Json | null | undefined {
  if (patch === undefined || patch === null) return patch;
  return { ...current, ...patch };
}

/** Fields of the body that need the current contact to build the update. */
export function updateNeedsCurrent(body: BackOfficeUpdateBody | SelfServiceUpdateBody): boolean {
  return (
    (body.demographics !== undefined && body.demographics !== null) ||
    (body.company_profile !== undefined && body.company_profile !== null) ||
    ('phone' in body && body.phone !== undefined)
  );
}

/** POST /backoffice/v2/contacts → CreateContactInput. */
export function backOfficeCreateIn(body: BackOfficeCreateBody): Json {
  const type = required(oneOfSpellings<string>(body, 'contact_type', 'type'), 'contact_type');
  const email = oneOfSpellings<string | null>(body, 'email_address', 'email');
  return compact({
    type,
    code: body.code,
    firstName: body.first_name,
    middleName: body.middle_name,
    lastName: body.last_name,
    companyName: body.company_name,
    email,
    phones: body.phones?.map(backOfficePhoneIn),
    addresses: body.addresses?.map((a, i) => addressIn(a, `addresses.${i}.`, 'address_type')),
    customFields: body.custom_fields,
    tags: body.tags,
    languageCode: body.language_code,
    smsOptOut: body.sms_opt_out,
    emailOptOut: body.email_opt_out,
    demographics: body.demographics ? demographicsFields(body.demographics) : undefined,
    companyProfile: body.company_profile ? companyProfileFields(body.company_profile) : undefined,
    countryOfAgreement: body.country_of_agreement,
  });
}

/** A body `id` must name the same contact as the path (it is tolerated, never used to retarget). */
export function checkBodyId(bodyId: string | undefined, pathId: string, canonical: (s: string) => string): void {
  if (bodyId !== undefined && canonical(bodyId) !== canonical(pathId)) {
    throw AppError.validation('id', 'must match the id in the path', 'ID_MISMATCH');
  }
}

/** PUT /backoffice/v2/contacts/{id} → UpdateContactInput (phones replace all phones). */
export function backOfficeUpdateIn(body: BackOfficeUpdateBody, current: GqlContact | null): Json {
  return defined({
    firstName: body.first_name,
    middleName: body.middle_name,
    lastName: body.last_name,
    companyName: body.company_name,
    email: oneOfSpellings<string | null>(body, 'email_address', 'email'),
    phones: body.phones === undefined ? undefined : body.phones === null ? null : body.phones.map(backOfficePhoneIn),
    customFields: body.custom_fields,
    languageCode: body.language_code,
    smsOptOut: body.sms_opt_out,
    emailOptOut: body.email_opt_out,
    demographics: mergeNested(demographicsAsInput(current?.demographics ?? null), body.demographics && demographicsFields(body.demographics)),
    companyProfile: mergeNested(
      companyProfileAsInput(current?.companyProfile ?? null),
      body.company_profile && companyProfileFields(body.company_profile),
    ),
    countryOfAgreement: body.country_of_agreement,
  });
}

const digitsOf = (n: string) => n.replace(/[\s().-]/g, '').replace(/^\+/, '');

/**
 * The self-service `phone` replaces the primary phone and keeps the others. Missing
 * `country_code`/`number` are taken from the current primary phone (so `{type}` alone changes
 * the type); null removes the primary phone. A kept phone equal to the new one is dropped
 * (promoted rather than duplicated).
 */
export function phonesWithPrimary(phone: SelfServiceUpdateBody['phone'], current: readonly GqlPhone[]): Json[] | undefined {
  if (phone === undefined) return undefined;
  const primary = primaryPhone(current);
  const others = current.filter((p) => p !== primary);
  const keep = (list: readonly GqlPhone[]) => list.map((p) => ({ type: p.type, countryCode: p.countryCode, number: p.number, isPrimary: false }));
  if (phone === null) return keep(others);
  const type = required(oneOfSpellings<string>(phone, 'type', 'phone_type', 'phone.'), 'phone.type');
  const countryCode = required(phone.country_code ?? primary?.countryCode, 'phone.country_code');
  const number = required(phone.number ?? primary?.number, 'phone.number');
  const next = { type, countryCode, number, isPrimary: true };
  return [next, ...keep(others.filter((p) => !(p.countryCode === countryCode && p.number === digitsOf(number))))];
}

/** PUT /self-service/v2/contacts/{id} → UpdateContactInput. */
export function selfServiceUpdateIn(body: SelfServiceUpdateBody, current: GqlContact | null): Json {
  return defined({
    firstName: body.first_name,
    middleName: body.middle_name,
    lastName: body.last_name,
    companyName: body.company_name,
    email: oneOfSpellings<string | null>(body, 'email', 'email_address'),
    phones: phonesWithPrimary(body.phone, current?.phones ?? []),
    customFields: body.custom_fields,
    languageCode: body.language_code,
    smsOptOut: body.sms_opt_out,
    emailOptOut: body.email_opt_out,
    demographics: mergeNested(demographicsAsInput(current?.demographics ?? null), body.demographics && demographicsFields(body.demographics)),
    companyProfile: mergeNested(
      companyProfileAsInput(current?.companyProfile ?? null),
      body.company_profile && companyProfileFields(body.company_profile),
    ),
  });
}
