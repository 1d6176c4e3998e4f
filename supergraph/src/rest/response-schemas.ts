import { z } from 'zod';
import { COUNTRY_CODES } from '@crm/platform/reference';
import { ADDRESS_TYPES, CONTACT_TYPES, GENDERS, PHONE_TYPES } from '@crm/event-bus/contracts/contacts';
import { MAX_PAGE_SIZE } from './list-query';

/**
 * What the facade sends back, as zod schemas: the source of the response schemas in
 * schema/rest/openapi.json. They describe contact-mapper.ts exactly (strict objects; absent
 * values are omitted, never null), and response-schemas.test.ts runs real mapper output through
 * them, so the published document cannot drift from the code without a failing test.
 */

const epoch = z.int().min(0).describe('Epoch seconds');
export const countryCodeResponse = z.enum(COUNTRY_CODES).describe('ISO 3166-1 alpha-3 country code');
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

/** `paging` of every list response. `total` is sent only with include_total=true (capped at 10,000 for contacts). */
export const pagingResponse = z.strictObject({
  page: z.int().min(1),
  size: z.int().min(1).max(MAX_PAGE_SIZE),
  total: z.int().min(0).optional().describe('Only with include_total=true'),
  has_more: z.boolean(),
});

export const contactPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(backOfficeContactResponse) });
export const addressPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(addressResponse) });

/** Creates and updates answer with the id of the resource. */
export const idResponse = z.strictObject({ id: z.string() });

/** Every failure (platform toHttpError). */
export const errorResponse = z.strictObject({
  error: z
    .string()
    .regex(/^CRM\.EXCEPTIONS\.[A-Z]+$/)
    .describe('Exception code, e.g. CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION, CRM.EXCEPTIONS.NOTFOUNDEXCEPTION'),
  message: z.string().describe('Human-readable; for validation errors it starts with the field name'),
  field: z.string().optional().describe('The offending REST field or parameter, dotted (e.g. phones.0.country_code)'),
  correlation_id: z.string().optional().describe('Echoes the x-correlation-id of the request (assigned when the caller sent none)'),
});

/**
 * The token payload of POST /backoffice/v2/users/authenticate, /users/refresh and
 * /organisations/switch/{id} (NOTES §1.3: `{access_token, refresh_token, expiration_date, mode,
 * lockout_date, password_expired}`). `lockout_date` is omitted: a locked-out user gets 429, never
 * tokens. `mode` is omitted when the call carried no api_key to tell it.
 */
export const authTokensResponse = z.strictObject({
  access_token: z.string().describe('The access token (JWT): send it as `authorization: Bearer <access_token>`. Its `sub` claim is the user id.'),
  refresh_token: z.string().describe('Send it to POST /backoffice/v2/users/refresh; it can be used once (a repeat within the reuse grace window, 10 s by default, returns the same new pair).'),
  expiration_date: epoch.describe('When the access token expires (epoch seconds)'),
  mode: z.enum(['LIVE', 'TEST']).optional().describe('LIVE or TEST, from the api_key of the call'),
  password_expired: z.boolean().describe('Always false: passwords do not expire'),
});

/** The organisation types of the Self-Service auth payload's `organisations[]`. */
export const ORGANISATION_TYPES = ['OPERATOR', 'SERVICE_OWNER', 'TRANSACTION_PROCESSOR', 'BUSINESS', 'ORGANISATION', 'MERCHANT', 'VENUE'] as const;

/**
 * The Self-Service auth payload (NOTES §1.3; the v2 OpenAPI response of register, authenticate,
 * validate_otp and refresh). Tokens, or — when a one-time code must be validated first —
 * `auth_otp` + `obfuscated_value` without tokens. Absent values are omitted, never null.
 */
export const contactAuthResponse = z.strictObject({
  access_token: z.string().optional().describe('The contact access token (JWT): send it as `authorization: Bearer <access_token>` with the api_key. Its `sub` claim is the contact id.'),
  refresh_token: z
    .string()
    .optional()
    .describe('Send it to POST /self-service/v2/contacts/refresh; it can be used once (a repeat within the reuse grace window returns the same new pair).'),
  expiration_date: epoch.optional().describe('When the access token expires (epoch seconds)'),
  contact: z
    .strictObject({
      id: z.string().describe('The contact GUID (dashed, lower case)'),
      type: z.enum(CONTACT_TYPES).optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      company_name: z.string().optional(),
      is_verified: z.boolean().optional().describe('Whether the sign-in identity has been verified (one-time code or email link)'),
    })
    .optional()
    .describe('The contact; the names are omitted when the contact could not be read yet'),
  organisations: z
    .array(z.strictObject({ id: z.string(), type: z.enum(ORGANISATION_TYPES), name: z.string() }))
    .optional()
    .describe('Organisations the contact has joined through a service owner: always empty here (sent with tokens)'),
  auth_otp: z.string().optional().describe('A one-time code was sent: send this with the code to POST /self-service/v2/contacts/validate_otp'),
  obfuscated_value: z.string().optional().describe('Where the code went, partly hidden (e.g. `*****200`, `e***@example.com`)'),
});

/** POST /self-service/v2/contacts/otp. */
export const otpResponse = z.strictObject({
  auth_otp: z.string().describe('Send it with the code to POST /self-service/v2/contacts/validate_otp'),
  obfuscated_value: z.string().describe('Where the code went, partly hidden'),
});

/** GET /self-service/v2/contacts?email_address=|phone= */
export const contactExistsResponse = z.strictObject({ contact_exists: z.boolean() });

/** GET /self-service/v2/contacts/oidc/{type} */
export const oidcAuthorizationResponse = z.strictObject({
  authorization_url: z.string().describe('Send the contact here; the provider redirects back to redirect_url with code and state (then POST /contacts/authenticate).'),
});

/** A role as the back-office user reads return it (`GET /backoffice/v2/user_roles`). */
export const userRoleResponse = z.strictObject({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()).describe('The catalogued permissions the role grants'),
  is_built_in: z.boolean().describe('Built-in roles come with the tenant and cannot be changed or deleted'),
});

/** A back-office user (`GET /backoffice/v2/users`, `GET /backoffice/v2/users/{id}`). */
export const userResponse = z.strictObject({
  id: z.string(),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  roles: z.array(z.strictObject({ id: z.string(), name: z.string() })).describe('The roles the user holds (deleted roles left out)'),
  teams: z.array(z.strictObject({ id: z.string(), name: z.string() })).describe('The teams the user is in'),
  created_date: epoch,
  updated_date: epoch,
});

export const userPageResponse = z.strictObject({ paging: pagingResponse, content: z.array(userResponse) });
export const userRoleListResponse = z.strictObject({ content: z.array(userRoleResponse) });

/** A team (`GET /backoffice/v2/teams`, `/teams/{id}`). */
export const teamResponse = z.strictObject({ id: z.string(), name: z.string(), created_date: epoch, updated_date: epoch });
export const teamListResponse = z.strictObject({ content: z.array(teamResponse) });

/** An API key as listed: masked, never the key itself (`GET /backoffice/v2/api_keys`). */
export const apiKeyResponse = z.strictObject({
  id: z.string(),
  application_id: z.string(),
  type: z.enum(['PUBLIC', 'SECRET']),
  mode: z.enum(['LIVE', 'TEST']),
  name: z.string(),
  masked_key: z.string().describe('The prefix, a mask and the last four characters'),
  role_id: z.string().optional().describe('Secret keys: the role whose permissions the key acts with'),
  created_date: epoch,
  expiration_date: epoch.optional().describe('When the key stops working (a rotated key, or one created with an expiry)'),
  is_revoked: z.boolean(),
});
export const apiKeyListResponse = z.strictObject({ content: z.array(apiKeyResponse) });

/** A new secret key (create, rotate): the only time the key is shown. */
export const issuedApiKeyResponse = z.strictObject({
  id: z.string(),
  key: z.string().describe('The secret key (crm_sk_…): store it now, it is never shown again'),
  masked_key: z.string(),
});

/** An organisation of the business hierarchy (`GET /backoffice/v2/organisations`). */
export const organisationResponse = z.strictObject({
  id: z.string(),
  parent_id: z.string().optional().describe('Omitted for the business itself'),
  type: z.enum(['BUSINESS', 'MERCHANT', 'VENUE']),
  name: z.string(),
  created_date: epoch,
});
export const organisationListResponse = z.strictObject({ content: z.array(organisationResponse) });
