import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { ADDRESS_TYPES, CONTACT_TYPES, GENDERS, PHONE_TYPES } from '@crm/event-bus/contracts/contacts';

/**
 * Allowlists for every REST request body (snake_case, as the contracts spell them). Objects are
 * strict: an unknown field is a 400 naming it. Documented spelling variants are accepted as
 * separate keys (`email`/`email_address`, `type`/`contact_type`, `type`/`phone_type`,
 * `type`/`address_type`, `industry`/`industry_id`) and resolved in mapper.ts, where
 * sending both spellings is refused.
 *
 * Limits here are generous guards against abuse; the domain's own rules (lengths, email syntax,
 * phone digits, dates in the past…) are enforced by the write side and come back as field errors.
 */

const GUARD_TEXT = 2000;

const upper = (s: string) => s.trim().toUpperCase();

/** Case-insensitive enum: `person` is read as `PERSON`. */
function upperEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(50)
    .transform(upper)
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));
}

const text = (max = GUARD_TEXT) => z.string().max(max, { error: `must be at most ${max} characters` });
/** Optional, and null clears it (on update) or means "not given" (on create). */
const nullableText = (max = GUARD_TEXT) => text(max).nullable().optional();
const nullableBool = z.boolean().nullable().optional();

export const countryCode = z
  .string()
  .max(3, { error: 'must be an ISO 3166-1 alpha-3 country code' })
  .transform(upper)
  .pipe(z.enum(COUNTRY_CODES, { error: 'must be an ISO 3166-1 alpha-3 country code' }));

const INT32_MAX = 2_147_483_647;
const int32 = (min: number, max = INT32_MAX) =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

import { guid } from '../../kit/body';
export { guid };

// ---- shared parts -------------------------------------------------------------------------

export const idDocument = z.strictObject({
  number: text(100),
  issuing_country_code: countryCode,
  expiration_date: int32(0),
});

export const demographicsBody = z.strictObject({
  gender: upperEnum(GENDERS).nullable().optional(),
  date_of_birth: z
    .strictObject({ year: int32(1), month: int32(1, 12), day: int32(1, 31) })
    .nullable()
    .optional(),
  name_day: z
    .strictObject({ month: int32(1, 12), day: int32(1, 31) })
    .nullable()
    .optional(),
  passport: idDocument.nullable().optional(),
  id_details: idDocument.nullable().optional(),
  statutory_number: nullableText(100),
});
export type DemographicsBody = z.infer<typeof demographicsBody>;

const industryRef = z.strictObject({ id: guid, name: text(200).optional() });

export const companyProfileBody = z.strictObject({
  registration_number: nullableText(100),
  registration_country: countryCode.nullable().optional(),
  tax_reference_number: nullableText(100),
  vat_registration_number: nullableText(100),
  industry_id: guid.nullable().optional(),
  /** The GET shape (`industry{id}`), accepted so a read can be written back. */
  industry: industryRef.nullable().optional(),
  sub_industries: z.array(industryRef).max(100).nullable().optional(),
});
export type CompanyProfileBody = z.infer<typeof companyProfileBody>;

const customFields = z.array(z.strictObject({ key: text(200), value: text(4000) })).max(200);

/** An address: POST/PUT …/addresses bodies and back-office `addresses[]`. `type` and `address_type` are both accepted. */
export const addressBody = z.strictObject({
  type: upperEnum(ADDRESS_TYPES).optional(),
  address_type: upperEnum(ADDRESS_TYPES).optional(),
  name: nullableText(),
  is_primary: nullableBool,
  is_billing_address: nullableBool,
  address_line_1: text(),
  address_line_2: nullableText(),
  state_province_county: nullableText(),
  town_city: nullableText(),
  postal_code: nullableText(100),
  country_code: countryCode.nullable().optional(),
  lat: z.number().nullable().optional(),
  lon: z.number().nullable().optional(),
  google_place_id: nullableText(),
});
export type AddressBody = z.infer<typeof addressBody>;

/** A back-office phone; `id` is tolerated (GET output written back) and ignored: phones are matched by number. */
export const backOfficePhone = z.strictObject({
  id: text(100).optional(),
  phone_type: upperEnum(PHONE_TYPES).optional(),
  type: upperEnum(PHONE_TYPES).optional(),
  country_code: countryCode,
  number: text(50),
  is_primary: nullableBool,
});
export type BackOfficePhoneBody = z.infer<typeof backOfficePhone>;

// ---- back-office ---------------------------------------------------------------------------

const backOfficeProfile = {
  first_name: nullableText(),
  middle_name: nullableText(),
  last_name: nullableText(),
  company_name: nullableText(),
  email_address: nullableText(),
  email: nullableText(),
  phones: z.array(backOfficePhone).max(100).nullable().optional(),
  custom_fields: customFields.nullable().optional(),
  language_code: nullableText(10),
  sms_opt_out: nullableBool,
  email_opt_out: nullableBool,
  demographics: demographicsBody.nullable().optional(),
  company_profile: companyProfileBody.nullable().optional(),
  country_of_agreement: countryCode.nullable().optional(),
};

/** POST /backoffice/v2/contacts (NOTES §3.2). */
export const backOfficeCreateBody = z.strictObject({
  contact_type: upperEnum(CONTACT_TYPES).optional(),
  type: upperEnum(CONTACT_TYPES).optional(),
  code: nullableText(100),
  addresses: z.array(addressBody).max(100).nullable().optional(),
  tags: z.array(text(100)).max(100).nullable().optional(),
  ...backOfficeProfile,
});
export type BackOfficeCreateBody = z.infer<typeof backOfficeCreateBody>;

/**
 * PUT /backoffice/v2/contacts/{id}: a partial update of profile fields (omitted = unchanged,
 * null = cleared). Type and code are immutable; tags have their own endpoint; addresses are not
 * replaced wholesale. `id` is tolerated when it names the same contact as the path.
 */
export const backOfficeUpdateBody = z.strictObject({
  id: text(100).optional(),
  ...backOfficeProfile,
});
export type BackOfficeUpdateBody = z.infer<typeof backOfficeUpdateBody>;

/** PUT /backoffice/v2/contacts/{id}/tags */
export const tagsBody = z.strictObject({ tags: z.array(text(100)).max(100) });

// ---- self-service --------------------------------------------------------------------------

/** The single phone of the self-service PUT: replaces the primary phone (spec: `type` required). */
export const selfServicePhone = z.strictObject({
  id: text(100).optional(),
  type: upperEnum(PHONE_TYPES).optional(),
  phone_type: upperEnum(PHONE_TYPES).optional(),
  country_code: countryCode.optional(),
  number: text(50).optional(),
});
export type SelfServicePhoneBody = z.infer<typeof selfServicePhone>;

/** PUT /self-service/v2/contacts/{id} (OpenAPI updateContactSS), a partial update. */
export const selfServiceUpdateBody = z.strictObject({
  id: text(100).optional(),
  first_name: nullableText(),
  middle_name: nullableText(),
  last_name: nullableText(),
  language_code: nullableText(10),
  email: nullableText(),
  email_address: nullableText(),
  phone: selfServicePhone.nullable().optional(),
  demographics: demographicsBody.nullable().optional(),
  sms_opt_out: nullableBool,
  email_opt_out: nullableBool,
  custom_fields: customFields.nullable().optional(),
  company_name: nullableText(),
  company_profile: companyProfileBody.nullable().optional(),
});
export type SelfServiceUpdateBody = z.infer<typeof selfServiceUpdateBody>;

/** Re-exported for the contact routes and tests (the validation itself is the kit's). */
export { issueToAppError, validateBody } from '../../kit/body';
