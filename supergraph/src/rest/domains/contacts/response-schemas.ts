import { z } from 'zod';
import { ADDRESS_TYPES, CONTACT_TYPES, GENDERS, PHONE_TYPES } from '@crm/event-bus/contracts/contacts';
import { countryCodeResponse, epoch, pagingResponse } from '../../kit/response-schemas';

/**
 * What the facade sends back, as zod schemas: the source of the response schemas in
 * schema/rest/openapi.json. They describe mapper.ts exactly (strict objects; absent
 * values are omitted, never null), and response-schemas.test.ts runs real mapper output through
 * them, so the published document cannot drift from the code without a failing test.
 */

const countryCode = countryCodeResponse;

export const idDocumentResponse = z.strictObject({
  number: z.string(),
  issuing_country_code: countryCode,
  expiration_date: epoch,
});

export const demographicsResponse = z.strictObject({
  gender: z.enum(GENDERS).optional(),
  name_day: z.strictObject({ month: z.int().min(1).max(12), day: z.int().min(1).max(31) }).optional(),
  date_of_birth: z.strictObject({ year: z.int(), month: z.int().min(1).max(12), day: z.int().min(1).max(31) }).optional(),
  passport: idDocumentResponse.optional(),
  statutory_number: z.string().optional(),
  id_details: idDocumentResponse.optional(),
});

const industryRef = z.strictObject({ id: z.string() });

export const companyProfileResponse = z.strictObject({
  registration_number: z.string().optional(),
  registration_country: countryCode.optional(),
  tax_reference_number: z.string().optional(),
  vat_registration_number: z.string().optional(),
  industry: industryRef.optional(),
  sub_industries: z.array(industryRef),
});

const addressFields = {
  id: z.string(),
  name: z.string().optional(),
  is_primary: z.boolean(),
  is_billing_address: z.boolean(),
  address_line_1: z.string(),
  address_line_2: z.string().optional(),
  state_province_county: z.string().optional(),
  town_city: z.string().optional(),
  postal_code: z.string().optional(),
  country_code: countryCode.optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  google_place_id: z.string().optional(),
};

/** A self-service address (`type`). */
export const addressResponse = z.strictObject({ ...addressFields, type: z.enum(ADDRESS_TYPES) });

/** A back-office contact's `addresses[]` item (`address_type`). */
export const backOfficeAddressResponse = z.strictObject({ ...addressFields, address_type: z.enum(ADDRESS_TYPES) });

const customField = z.strictObject({ key: z.string(), value: z.string() });

const selfServiceFields = {
  id: z.string().describe('The contact GUID (dashed, lower case)'),
  code: z.string(),
  type: z.enum(CONTACT_TYPES),
  first_name: z.string().optional(),
  middle_name: z.string().optional(),
  last_name: z.string().optional(),
  company_name: z.string().optional(),
  company_profile: companyProfileResponse.optional(),
  language_code: z.string().optional(),
  email: z.string().optional(),
  phone: z
    .strictObject({ id: z.string(), type: z.enum(PHONE_TYPES), country_code: countryCode, number: z.string() })
    .optional()
    .describe('The primary phone (the first one when none is marked primary)'),
  demographics: demographicsResponse.optional(),
  referral_code: z.string(),
  sms_opt_out: z.boolean(),
  email_opt_out: z.boolean(),
  country_of_agreement: countryCode.optional(),
  custom_fields: z.array(customField),
  created_date: epoch,
  updated_date: epoch,
  wallet: z.strictObject({ id: z.string(), code: z.string() }).optional().describe('The wallet the ledger opened for the contact (16-digit code)'),
};

/** GET /self-service/v2/contacts/{id}. */
export const selfServiceContactResponse = z.strictObject(selfServiceFields);

/** GET /backoffice/v2/contacts/{id} and the items of GET /backoffice/v2/contacts. */
export const backOfficeContactResponse = z.strictObject({
  ...selfServiceFields,
  contact_type: z.enum(CONTACT_TYPES),
  display_name: z.string(),
  email_address: z.string().optional(),
  phones: z.array(
    z.strictObject({ id: z.string(), phone_type: z.enum(PHONE_TYPES), country_code: countryCode, number: z.string(), is_primary: z.boolean() }),
  ),
  addresses: z.array(backOfficeAddressResponse),
  tags: z.array(z.string()),
  version: z.int().min(0),
});

export const contactPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeContactResponse) });

export const addressPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(addressResponse) });
