import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTACT_TYPES } from '@crm/event-bus/contracts/contacts';
import { allowedMethods, MAX_SEGMENT_LENGTH, type Method } from './router';
import { restRoutes } from './routes';
import {
  addressBody,
  backOfficeCreateBody,
  backOfficePhone,
  backOfficeUpdateBody,
  companyProfileBody,
  countryCode,
  demographicsBody,
  guid,
  idDocument,
  selfServicePhone,
  selfServiceUpdateBody,
  tagsBody,
} from './contact-bodies';
import {
  addressPageResponse,
  addressResponse,
  authTokensResponse,
  backOfficeAddressResponse,
  contactAuthResponse,
  contactExistsResponse,
  oidcAuthorizationResponse,
  otpResponse,
  backOfficeContactResponse,
  companyProfileResponse,
  contactPageResponse,
  countryCodeResponse,
  demographicsResponse,
  errorResponse,
  idDocumentResponse,
  idResponse,
  pagingResponse,
  selfServiceContactResponse,
  userPageResponse,
  userResponse,
  userRoleListResponse,
  userRoleResponse,
  teamResponse,
  teamListResponse,
  apiKeyResponse,
  apiKeyListResponse,
  issuedApiKeyResponse,
  organisationResponse,
  organisationListResponse,
} from './response-schemas';
import { createApiKeyBody, createRoleBody, createUserBody, rotateApiKeyBody, teamBody, updateRoleBody, updateUserBody } from './directory-bodies';
import { DEFAULT_PAGE_SIZE, LIST_QUERY_LIMITS, MAX_PAGE_SIZE, SORT_PARAMETER_VALUES } from './list-query';
import { CONSISTENCY_HEADER } from './rest-context';
import { IDEMPOTENCY_KEY_PATTERN } from './request';
import { authenticateBody, forgotPasswordBody } from './user-bodies';
import { MAX_USER_OFFSET } from './users.routes';
import {
  authenticateContactBody,
  changePasswordBody,
  contactForgotPasswordBody,
  emailVerificationBody,
  identificationBody,
  MAX_REDIRECT_URL_LENGTH,
  otpBody,
  phoneBody,
  registerBody,
  resetPasswordBody,
  signOutBody,
  validateOtpBody,
} from './contact-auth-bodies';

/**
 * The REST facade's own OpenAPI 3.1 document (schema/rest/openapi.json, written by compose.ts).
 *
 * Generated, not hand-written: the paths are the router's routes (an undocumented route, or a
 * documented one the router does not know, fails generation); request bodies are the zod
 * schemas the handlers validate with; response bodies are the zod schemas in
 * response-schemas.ts, which a unit test checks against real mapper output. Output is
 * deterministic (fixed construction order, sorted component maps) so `compose --check` is reliable.
 */

type Json = Record<string, unknown>;

const TITLE = 'CRM platform REST facade';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('supergraph/package.json has no version');
  return pkg.version;
}

const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

// ---- schemas from zod ------------------------------------------------------------------------

const CASE_INSENSITIVE = 'Case-insensitive; surrounding whitespace is ignored.';
const SAFE_INT = Number.MAX_SAFE_INTEGER;

/**
 * Case-insensitive enums are `string → trim/upper-case → enum` pipes, whose JSON Schema input
 * side is a bare string. The canonical values are what a client needs, so they are listed
 * (with a note that any case is accepted). Safe-integer bounds that zod adds to every integer
 * say nothing and are dropped.
 */
function override(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const def = ctx.zodSchema._zod.def;
  const json = ctx.jsonSchema;
  if (def.type === 'pipe' && def.out._zod.def.type === 'enum') {
    json.enum = Object.values((def.out._zod.def as z.core.$ZodEnumDef).entries);
    json.description = json.description ? `${json.description} ${CASE_INSENSITIVE}` : CASE_INSENSITIVE;
  }
  if (json.minimum === -SAFE_INT) delete json.minimum;
  if (json.maximum === SAFE_INT) delete json.maximum;
}

function componentSchemas(entries: [string, z.ZodType][], io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'throw',
    override,
  }) as { schemas: Record<string, Json> };
  if ('__shared' in schemas) throw new Error('unexpected shared $defs in the REST schemas');
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}

/** Rules the handlers enforce after zod (contact-mapper.ts): alternative spellings. */
const exactlyOneOf = (a: string, b: string) => ({ oneOf: [{ required: [a] }, { required: [b] }] });
const notBoth = (a: string, b: string) => ({ not: { required: [a, b] } });

function requestSchemas(): Record<string, Json> {
  const schemas = componentSchemas(
    [
      ['BackOfficeContactCreateRequest', backOfficeCreateBody],
      ['BackOfficeContactUpdateRequest', backOfficeUpdateBody],
      ['ContactTagsRequest', tagsBody],
      ['SelfServiceContactUpdateRequest', selfServiceUpdateBody],
      ['AddressRequest', addressBody],
      ['BackOfficePhoneRequest', backOfficePhone],
      ['SelfServicePhoneRequest', selfServicePhone],
      ['DemographicsRequest', demographicsBody],
      ['CompanyProfileRequest', companyProfileBody],
      ['IdDocumentRequest', idDocument],
      ['CountryCodeInput', countryCode],
      ['GuidInput', guid],
      ['UserAuthenticateRequest', authenticateBody],
      ['ForgotPasswordRequest', forgotPasswordBody],
      ['ContactRegisterRequest', registerBody],
      ['ContactIdentificationRequest', identificationBody],
      ['ContactPhoneRequest', phoneBody],
      ['ContactAuthenticateRequest', authenticateContactBody],
      ['ContactOtpRequest', otpBody],
      ['ContactValidateOtpRequest', validateOtpBody],
      ['ContactForgotPasswordRequest', contactForgotPasswordBody],
      ['ContactResetPasswordRequest', resetPasswordBody],
      ['ContactChangePasswordRequest', changePasswordBody],
      ['ContactEmailVerificationRequest', emailVerificationBody],
      ['ContactSignOutRequest', signOutBody],
      ['UserCreateRequest', createUserBody],
      ['UserUpdateRequest', updateUserBody],
      ['UserRoleCreateRequest', createRoleBody],
      ['UserRoleUpdateRequest', updateRoleBody],
      ['TeamRequest', teamBody],
      ['ApiKeyCreateRequest', createApiKeyBody],
      ['ApiKeyRotateRequest', rotateApiKeyBody],
    ],
    'input',
  );
  const extend = (name: string, extra: Json) => {
    const target = schemas[name];
    if (!target) throw new Error(`no request schema ${name}`);
    schemas[name] = { ...target, ...extra };
  };
  const both = (...parts: Json[]) => ({ allOf: parts });
  extend('BackOfficeContactCreateRequest', {
    description:
      'Exactly one of contact_type / type is required; email / email_address and (in company_profile) industry / industry_id are alternative spellings, send at most one of each. Null means "not given".',
    ...both(exactlyOneOf('contact_type', 'type'), notBoth('email', 'email_address')),
  });
  extend('BackOfficeContactUpdateRequest', {
    description:
      'A partial update: an omitted field is unchanged, null clears it; demographics and company_profile are merged field by field. `id`, when sent, must name the contact of the path. email / email_address are alternative spellings (send at most one).',
    ...notBoth('email', 'email_address'),
  });
  extend('SelfServiceContactUpdateRequest', {
    description:
      'A partial update: an omitted field is unchanged, null clears it; demographics and company_profile are merged field by field; `phone` replaces the primary phone (null removes it). `id`, when sent, must name the contact of the path. email / email_address are alternative spellings (send at most one).',
    ...notBoth('email', 'email_address'),
  });
  extend('ContactTagsRequest', { description: 'Replaces all tags of the contact.' });
  extend('AddressRequest', {
    description: 'Exactly one of type / address_type is required (self-service documents `type`, back-office addresses[] `address_type`).',
    ...exactlyOneOf('type', 'address_type'),
  });
  extend('BackOfficePhoneRequest', {
    description:
      'Exactly one of phone_type / type is required. `id` is tolerated (a GET result written back) and ignored: phones are matched by number.',
    ...exactlyOneOf('phone_type', 'type'),
  });
  extend('SelfServicePhoneRequest', {
    description:
      'Replaces the primary phone. Exactly one of type / phone_type is required; a missing country_code or number is taken from the current primary phone.',
    ...exactlyOneOf('type', 'phone_type'),
  });
  extend('CompanyProfileRequest', {
    description: 'industry_id / industry{id} are alternative spellings: send at most one.',
    ...notBoth('industry_id', 'industry'),
  });
  extend('GuidInput', { description: 'A GUID, dashed or 32 hex digits, any case.' });
  extend('UserAuthenticateRequest', { description: 'Back-office sign-in with email and password; the tenant comes from the api_key.' });
  extend('ForgotPasswordRequest', { description: 'Answered with 204 whether or not a user has this email.' });
  const SPELLINGS = 'The phone goes as phone{number, country_code} or as the older flat phone_number + country_code (not both).';
  extend('ContactIdentificationRequest', {
    description: `Login credentials: EMAIL (email, optional password) or PHONE (phone). Without a password a one-time code is sent to confirm the identity. ${SPELLINGS} Social providers are not supported.`,
    ...notBoth('phone', 'phone_number'),
  });
  extend('ContactRegisterRequest', { description: 'Registers a contact (a PERSON) with one EMAIL or PHONE identity; the tenant comes from the api_key.' });
  extend('ContactAuthenticateRequest', {
    description: `EMAIL + password signs in at once; EMAIL without a password, or PHONE, sends a one-time code (answered with auth_otp). ${SPELLINGS} OIDC_OAUTH / GOOGLE: code + state (+ iss) as the provider redirected back with them after GET /contacts/oidc/{type}. FACEBOOK: token (+ application_id). Each provider takes only its own fields: any other non-null field is a 400 naming it. APPLE and MAC_ADDRESS are not supported.`,
    ...notBoth('phone', 'phone_number'),
  });
  extend('ContactOtpRequest', {
    description:
      'Exactly one credential, PHONE or EMAIL. A PHONE value is `CYP:99123456` (country, colon, number), or the number alone with the credential\'s country_code.',
  });
  extend('ContactValidateOtpRequest', { description: 'At most 5 tries per code; a code is valid for 5 minutes and works once.' });
  extend('ContactForgotPasswordRequest', { description: 'Answered with 204 whether or not a contact has this email.' });
  extend('ContactResetPasswordRequest', { description: 'Completes a password reset with the token of the reset email; every session of the contact ends.' });
  extend('ContactChangePasswordRequest', {
    description:
      'When the contact already has a password, current_password may be left out only within the re-authentication window after signing in (5 minutes by default; refreshing keeps the sign-in time); later it is required. Every session of the contact ends.',
  });
  extend('ContactEmailVerificationRequest', { description: 'Send email_address (or its alternative spelling email). Answered with 204 whatever the email.', ...exactlyOneOf('email_address', 'email') });
  extend('ContactSignOutRequest', { description: 'Optional; accepted and ignored.' });
  extend('UserCreateRequest', { description: 'A back-office user with a password, roles and teams. Tenant, status and permissions are never fields.' });
  extend('UserUpdateRequest', { description: 'A partial update: omitted fields stay as they are, null clears a name; user_roles and teams replace the lists.' });
  extend('UserRoleCreateRequest', { description: 'A custom role; you can only grant permissions you hold.' });
  extend('UserRoleUpdateRequest', { description: 'Renames a custom role and/or replaces its permissions; built-in roles cannot be changed.' });
  extend('ApiKeyCreateRequest', { description: 'A secret key for server-to-server calls, bound to a role.' });
  extend('ApiKeyRotateRequest', { description: 'The old key keeps working until old_key_expiration_date (at most 30 days ahead).' });
  return schemas;
}

function responseSchemas(): Record<string, Json> {
  const schemas = componentSchemas(
    [
      ['BackOfficeContact', backOfficeContactResponse],
      ['SelfServiceContact', selfServiceContactResponse],
      ['Address', addressResponse],
      ['BackOfficeAddress', backOfficeAddressResponse],
      ['Demographics', demographicsResponse],
      ['CompanyProfile', companyProfileResponse],
      ['IdDocument', idDocumentResponse],
      ['Paging', pagingResponse],
      ['ContactPage', contactPageResponse],
      ['AddressPage', addressPageResponse],
      ['IdResult', idResponse],
      ['Error', errorResponse],
      ['CountryCode', countryCodeResponse],
      ['AuthTokens', authTokensResponse],
      ['ContactAuth', contactAuthResponse],
      ['ContactOtp', otpResponse],
      ['ContactExists', contactExistsResponse],
      ['OidcAuthorization', oidcAuthorizationResponse],
      ['User', userResponse],
      ['UserPage', userPageResponse],
      ['UserRole', userRoleResponse],
      ['UserRoleList', userRoleListResponse],
      ['Team', teamResponse],
      ['TeamList', teamListResponse],
      ['ApiKey', apiKeyResponse],
      ['ApiKeyList', apiKeyListResponse],
      ['IssuedApiKey', issuedApiKeyResponse],
      ['Organisation', organisationResponse],
      ['OrganisationList', organisationListResponse],
    ],
    'output',
  );
  const describe = (name: string, description: string) => {
    schemas[name] = { description, ...schemas[name] };
  };
  describe('BackOfficeContact', 'A contact as back-office routes return it. Absent values are omitted, never null.');
  describe('SelfServiceContact', 'A contact as self-service routes return it. Absent values are omitted, never null.');
  describe(
    'Error',
    'Every failure: `{error, message, field?, correlation_id?}`. Unexpected failures are masked as CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION.',
  );
  describe('Paging', 'The paging envelope of list responses (NOTES §1.5).');
  describe('AuthTokens', 'A back-office session token pair (NOTES §1.3). Absent values are omitted, never null.');
  describe(
    'ContactAuth',
    'A self-service auth payload (NOTES §1.3): tokens, or auth_otp + obfuscated_value when a one-time code must be validated first. Absent values are omitted, never null.',
  );
  describe('ContactOtp', 'A one-time code was sent.');
  describe('OidcAuthorization', 'Where to send the contact to sign in with an OIDC provider (NOTES §7 flow 6).');
  describe('ContactExists', 'Whether a contact with this email or phone exists in the tenant.');
  return schemas;
}

// ---- parameters, headers, responses ----------------------------------------------------------

const PATH_PARAMETERS: Record<string, Json> = {
  ContactId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The contact GUID (dashed or 32 hex digits, any case) or the contact code. Percent-decoded; control characters and `/` are refused.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  AddressId: {
    name: 'address_id',
    in: 'path',
    required: true,
    description: 'The address GUID (dashed or 32 hex digits, any case).',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  UserId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The user id: the `sub` claim of the access token the call carries (any other id is refused with 403).',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  BackOfficeUserId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The user GUID (dashed or 32 hex digits, any case); anything else is a 404.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  OrganisationId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The organisation GUID (dashed or 32 hex digits, any case); the tenant itself is its root organisation.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  DirectoryId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The GUID of the record (dashed or 32 hex digits, any case); anything else is a 404.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
  OidcType: {
    name: 'type',
    in: 'path',
    required: true,
    description: 'The OIDC provider type configured for the business (lower-case letters, digits, `_` and `-`; `google` for Google). Upper case is accepted and lower-cased. An unknown type is a 400 naming `type`.',
    schema: { type: 'string', minLength: 1, maxLength: 40 },
  },
  SelfContactId: {
    name: 'id',
    in: 'path',
    required: true,
    description:
      'The contact GUID (dashed or 32 hex digits, any case). With a contact access token it must be that contact (the `sub` claim of the token): sign_out answers another id with 403, change_password and identities with 404 (as for an unknown contact).',
    schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
  },
};
const PATH_PARAMETER_OF: Record<string, string> = { id: 'ContactId', address_id: 'AddressId' };
/** Routes whose path parameters are not the contact/address ones. */
const ROUTE_PATH_PARAMETERS: Record<string, Record<string, string>> = {
  '/backoffice/v2/users/:id/sign_out': { id: 'UserId' },
  '/backoffice/v2/users/:id': { id: 'BackOfficeUserId' },
  '/backoffice/v2/organisations/switch/:id': { id: 'OrganisationId' },
  '/backoffice/v2/organisations/:id': { id: 'DirectoryId' },
  '/backoffice/v2/user_roles/:id': { id: 'DirectoryId' },
  '/backoffice/v2/teams/:id': { id: 'DirectoryId' },
  '/backoffice/v2/api_keys/:id': { id: 'DirectoryId' },
  '/backoffice/v2/api_keys/:id/rotate': { id: 'DirectoryId' },
  '/self-service/v2/contacts/:id/sign_out': { id: 'SelfContactId' },
  '/self-service/v2/contacts/:id/change_password': { id: 'SelfContactId' },
  '/self-service/v2/contacts/:id/identities': { id: 'SelfContactId' },
  '/self-service/v2/contacts/oidc/:type': { type: 'OidcType' },
};

const L = LIST_QUERY_LIMITS;
const query = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', required: false, description, schema });
const textFilter = (description: string) => ({ type: 'string', maxLength: L.maxFilterText, description });
const epochBound = { type: 'integer', minimum: 0, maximum: L.maxEpoch };

const QUERY_PARAMETERS: Record<string, Json> = {
  Page: query(
    'page',
    { type: 'integer', minimum: 1, maximum: L.maxOffset, default: 1 },
    `1-based page number; (page - 1) × size must not exceed ${L.maxOffset}.`,
  ),
  Size: query('size', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }, 'Page size.'),
  AddressSize: query(
    'size',
    { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE },
    'Page size (the default returns every address of a contact in one page).',
  ),
  UserPageNumber: query(
    'page',
    { type: 'integer', minimum: 1, default: 1 },
    `1-based page number; page × size must not exceed ${MAX_USER_OFFSET}.`,
  ),
  UserTeams: query('teams', { type: 'string', maxLength: 2000 }, 'Comma-separated team GUIDs (at most 50): users in any of these teams.'),
  UserRolesFilter: query('user_roles', { type: 'string', maxLength: 2000 }, 'Comma-separated role GUIDs (at most 50): users holding any of these roles.'),
  IncludeTotal: query(
    'include_total',
    { type: 'boolean', default: false },
    'When true, paging.total is sent (for contacts capped at 10,000); otherwise it is omitted. `true`/`false`, any case.',
  ),
  Sort: query('sort', { type: 'string', enum: [...SORT_PARAMETER_VALUES], default: 'CREATED_DATE' }, `Sort attribute. ${CASE_INSENSITIVE}`),
  Order: query('order', { type: 'string', enum: ['ASC', 'DESC'], default: 'DESC' }, `Sort direction. ${CASE_INSENSITIVE}`),
  SearchValue: query('search_value', textFilter('Trimmed; empty means no filter.'), 'Free-text search (name, email, code…).'),
  EmailAddress: query(
    'email_address',
    textFilter('Trimmed; empty means no filter.'),
    'Exact email filter. Send at most one of email_address / email.',
  ),
  Email: query('email', textFilter('Trimmed; empty means no filter.'), 'Alternative spelling of email_address (send at most one).'),
  Phone: query('phone', textFilter('Spaces, dashes, dots, parentheses and + are ignored; the rest must be 1-15 digits.'), 'Phone number filter.'),
  Code: query('code', textFilter('Trimmed; empty means no filter.'), 'Contact code filter.'),
  Tags: {
    ...query(
      'tags',
      { type: 'array', maxItems: L.maxTags, items: { type: 'string', maxLength: L.maxFilterText } },
      'Comma-separated tags; contacts carrying the tags match. Blank entries are ignored.',
    ),
    style: 'form',
    explode: false,
  },
  ContactType: query('contact_type', { type: 'string', enum: [...CONTACT_TYPES] }, `Contact type filter. ${CASE_INSENSITIVE}`),
  CreatedOnGte: query('created_on[gte]', epochBound, 'Created at or after (epoch seconds). Not together with created_on[gt].'),
  CreatedOnGt: query('created_on[gt]', epochBound, 'Created after (epoch seconds). Not together with created_on[gte].'),
  CreatedOnLte: query(
    'created_on[lte]',
    epochBound,
    'Created at or before (epoch seconds; the whole second is included). Not together with created_on[lt].',
  ),
  CreatedOnLt: query('created_on[lt]', epochBound, 'Created before (epoch seconds). Not together with created_on[lte].'),
  ExistsEmailAddress: query('email_address', { type: 'string', maxLength: 254 }, 'The email to look for. Send email_address (or email) or phone.'),
  ExistsEmail: query('email', { type: 'string', maxLength: 254 }, 'Alternative spelling of email_address (send at most one).'),
  ExistsPhone: query(
    'phone',
    { type: 'string', maxLength: 60 },
    'The phone to look for: `CYP:99123456`, or the number alone with country_code. Spaces, dashes, dots, parentheses and a leading + are ignored; 4 to 15 digits.',
  ),
  ExistsCountryCode: query('country_code', { type: 'string', minLength: 3, maxLength: 3 }, `ISO 3166-1 alpha-3 country of phone. ${CASE_INSENSITIVE}`),
  OidcRedirectUrl: {
    ...query(
      'redirect_url',
      { type: 'string', minLength: 1, maxLength: MAX_REDIRECT_URL_LENGTH },
      'Where the provider sends the contact back (with code and state); must be one of the redirect URLs registered for the provider, else a 400 naming redirect_url.',
    ),
    required: true,
  },
  VerifyEmailToken: { ...query('token', { type: 'string', minLength: 1, maxLength: 200 }, 'The token of the verification email.'), required: true },
  IncludeCustomFields: query(
    'include_custom_fields',
    { type: 'boolean' },
    'Accepted for CRM.COM compatibility and ignored: custom fields are always included.',
  ),
};

const LIST_CONTACTS_QUERY = [
  'Page',
  'Size',
  'IncludeTotal',
  'Sort',
  'Order',
  'SearchValue',
  'EmailAddress',
  'Email',
  'Phone',
  'Code',
  'Tags',
  'ContactType',
  'CreatedOnGte',
  'CreatedOnGt',
  'CreatedOnLte',
  'CreatedOnLt',
  'IncludeCustomFields',
];
const LIST_ADDRESSES_QUERY = ['Page', 'AddressSize', 'IncludeTotal'];

const HEADER_PARAMETERS: Record<string, Json> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Makes the create safe to retry: a retry with the same key returns the first result instead of creating another contact.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN, minLength: 1, maxLength: 255 },
  },
  ConsistencyToken: {
    name: CONSISTENCY_HEADER,
    in: 'header',
    required: false,
    description:
      "Comma-separated consistency tokens of earlier writes (GraphQL mutation payloads); the read waits until those writes are visible. The facade also adds the tokens of the caller's own REST writes of the last 60 s (read-your-writes), so REST callers rarely need to send it.",
    schema: { type: 'string' },
  },
  CorrelationId: {
    name: 'x-correlation-id',
    in: 'header',
    required: false,
    description: 'Correlation id for logs; echoed in error bodies as correlation_id. Assigned when absent.',
    schema: { type: 'string' },
  },
};

const errorResponseOf = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref('schemas', 'Error') } },
});

const RESPONSES: Record<string, Json> = {
  BadRequest: errorResponseOf(
    'Invalid input (CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION): an unknown, repeated or malformed query parameter, a bad path parameter, a missing, malformed or invalid body, or a field refused by the domain. `field` names it.',
  ),
  Unauthorized: errorResponseOf('The credentials are missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION).'),
  Forbidden: errorResponseOf('The caller lacks the permission (CRM.EXCEPTIONS.FORBIDDENEXCEPTION).'),
  NotFound: errorResponseOf('The contact (or address) does not exist (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  UserNotFound: errorResponseOf('The tenant has no user with this id (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  RecordNotFound: errorResponseOf('The tenant has no such record (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  OrganisationNotFound: errorResponseOf('The organisation does not exist in the tenant (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  InvalidLogin: errorResponseOf(
    'The api_key is missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION), or the username or password is not correct (CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION; the same answer for an unknown user, a wrong password and a disabled user).',
  ),
  InvalidRefresh: errorResponseOf(
    'The refresh token is missing, invalid, expired, spent or its session ended, or an api_key sent along belongs to another tenant (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION): sign in again.',
  ),
  MethodNotAllowed: errorResponseOf('The path exists but not with this method (CRM.EXCEPTIONS.METHODNOTALLOWEDEXCEPTION).', {
    Allow: { description: 'The methods the path supports, e.g. `GET, PUT, DELETE`.', schema: { type: 'string' } },
  }),
  Conflict: errorResponseOf('The write conflicts with the current state, e.g. a contact code already taken (CRM.EXCEPTIONS.CONFLICTEXCEPTION).'),
  PayloadTooLarge: errorResponseOf('The body exceeds the limit (REST_MAX_BODY_BYTES, 1 MiB by default) (CRM.EXCEPTIONS.PAYLOADTOOLARGEEXCEPTION).'),
  UnsupportedMediaType: errorResponseOf('The body is not JSON (CRM.EXCEPTIONS.UNSUPPORTEDMEDIATYPEEXCEPTION).'),
  TooManyRequests: errorResponseOf('Rate limited (CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION).', {
    'Retry-After': { description: 'Seconds to wait, when the gateway said so.', schema: { type: 'string' } },
  }),
  InvalidOtp: errorResponseOf(
    'The api_key is missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION), or the code is wrong, expired, already used, or its 5 tries are spent (CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION).',
  ),
  CredentialNotFound: errorResponseOf('No contact of the tenant has this email or phone (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
  RegisterConflict: errorResponseOf('A contact with this email or phone is already registered (CRM.EXCEPTIONS.CONFLICTEXCEPTION).'),
  TooManyLogins: errorResponseOf(
    'Too many failed sign-ins for this username (or from this address); the same answer whether or not the user exists (CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION).',
    { 'Retry-After': { description: 'Seconds until sign-in is allowed again.', schema: { type: 'string' } } },
  ),
  InternalError: errorResponseOf('Unexpected failure, masked (CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION); correlation_id identifies it in the logs.'),
  ServiceUnavailable: errorResponseOf('The gateway or a subgraph is unavailable; retry later (CRM.EXCEPTIONS.SERVICEUNAVAILABLEEXCEPTION).'),
};

// ---- security ----------------------------------------------------------------------------------

const DEV_AUTH_NOTE =
  'The gateway verifies api_key and bearer tokens. Only when DEV_AUTH_ENABLED=true (never in production), a call with neither falls back to the development authenticator, where `x-dev-tenant` names the tenant and `x-dev-principal` the caller (`user`, `user:<perm,…>`, `service:<perm,…>`, `contact:<contact uuid>` or `anonymous`; default `user`).';

const SECURITY_SCHEMES: Record<string, Json> = {
  api_key: {
    type: 'apiKey',
    in: 'header',
    name: 'api_key',
    description: 'Self-service: the public key of the application. Back-office: a secret key (server to server). ' + DEV_AUTH_NOTE,
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Self-service: the contact JWT (with api_key). Back-office: an admin user JWT. ' + DEV_AUTH_NOTE,
  },
  dev_tenant: { type: 'apiKey', in: 'header', name: 'x-dev-tenant', description: `Development authenticator only. ${DEV_AUTH_NOTE}` },
  dev_principal: { type: 'apiKey', in: 'header', name: 'x-dev-principal', description: `Development authenticator only. ${DEV_AUTH_NOTE}` },
};

const DEV_SECURITY = { dev_tenant: [], dev_principal: [] };
const SECURITY = {
  backoffice: [{ api_key: [] }, { bearer: [] }, { api_key: [], bearer: [] }, DEV_SECURITY],
  selfservice: [{ api_key: [], bearer: [] }, DEV_SECURITY],
  /** Sign-in, forgot password: the api_key names the tenant (public or secret key). */
  apiKeyOnly: [{ api_key: [] }],
  /** Refresh: the refresh token as the bearer value (it names its tenant); an api_key may come along (same tenant). */
  refresh: [{ bearer: [] }, { api_key: [], bearer: [] }],
  /** Sign-out, switch organisation: the user's access token (an api_key may come along). */
  user: [{ bearer: [] }, { api_key: [], bearer: [] }],
  /** Contact sign-out and password change: the contact's access token (with the api_key, as self-service calls send it). */
  contact: [{ api_key: [], bearer: [] }, { bearer: [] }],
  /** Adding an identity: the contact's own token, or a secret api_key with contacts.write. */
  contactOrSecret: [{ api_key: [], bearer: [] }, { bearer: [] }, { api_key: [] }],
};

// ---- operations --------------------------------------------------------------------------------

interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  audience: keyof typeof SECURITY;
  /** Component names of query parameters; none means the route refuses any query parameter. */
  query?: string[];
  /** Request body component. */
  body?: string;
  /** The body may be left out (default: required). */
  bodyOptional?: boolean;
  idempotencyKey?: boolean;
  /** The route reads (so x-consistency-token applies). */
  reads?: boolean;
  success: { status: 200 | 201 | 204; description: string; schema?: string };
  /** 404 is possible: true for the contact/address NotFound response, or the name of another response component. */
  notFound?: boolean | string;
  /** The 401 response component (default Unauthorized). */
  unauthorized?: string;
  /** The 429 response component (default TooManyRequests). */
  tooMany?: string;
  /** A write: may conflict. */
  writes?: boolean;
  /** The 409 response component (default Conflict; implies writes). */
  conflict?: string;
}

const BO = 'Back-office contacts';
const SS = 'Self-service contacts';
const SSA = 'Self-service contact addresses';
const BOU = 'Back-office users';
const BOD = 'Back-office directory';
const SSAUTH = 'Self-service authentication';
const SS_AUTH_BASE = '/self-service/v2/contacts';

/** Keyed by router pattern, then method. Every route of the router must be here and vice versa. */
const OPERATIONS: Record<string, Partial<Record<Method, OperationDoc>>> = {
  [SS_AUTH_BASE]: {
    GET: {
      operationId: 'verifyContactExistsSS',
      summary: 'Check whether a contact exists',
      description: 'By email (email_address, or email) or by phone (phone, with country_code unless it is written `CYP:99123456`). Needs only the api_key.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      query: ['ExistsEmailAddress', 'ExistsEmail', 'ExistsPhone', 'ExistsCountryCode'],
      success: { status: 200, description: 'Whether the contact exists.', schema: 'ContactExists' },
    },
  },
  [`${SS_AUTH_BASE}/register`]: {
    POST: {
      operationId: 'registerContactSS',
      summary: 'Register a contact',
      description:
        'EMAIL + password: tokens at once. PHONE, or EMAIL without a password: a one-time code is sent and the answer carries auth_otp and obfuscated_value instead of tokens (then POST /contacts/validate_otp). Registrations are counted per email/phone and per address; past the limit the answer is 429 with Retry-After.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactRegisterRequest',
      conflict: 'RegisterConflict',
      tooMany: 'TooManyLogins',
      success: { status: 201, description: 'Registered.', schema: 'ContactAuth' },
    },
  },
  [`${SS_AUTH_BASE}/authenticate`]: {
    POST: {
      operationId: 'authenticateContactSS',
      summary: 'Sign in a contact',
      description:
        'EMAIL + password → tokens. EMAIL without a password, or PHONE → a one-time code is sent (auth_otp, obfuscated_value). An unknown email or phone and a wrong password get the same 401. OIDC_OAUTH / GOOGLE (code + state from GET /contacts/oidc/{type}) and FACEBOOK (token) → tokens; their first sign-in registers the contact; a bad, used or expired code, state or token is a 401. Failed sign-ins are counted; past the limit 429 with Retry-After.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactAuthenticateRequest',
      unauthorized: 'InvalidLogin',
      tooMany: 'TooManyLogins',
      success: { status: 200, description: 'Signed in, or a one-time code was sent.', schema: 'ContactAuth' },
    },
  },
  [`${SS_AUTH_BASE}/oidc/:type`]: {
    GET: {
      operationId: 'getOidcAuthorizationUrlSS',
      summary: 'Start an OIDC sign-in',
      description:
        'NOTES §7 flow 6: answers the authorization URL of the provider, with a single-use state valid for 10 minutes. Send the contact there; the provider redirects back to redirect_url with code and state, which go to POST /contacts/authenticate with provider OIDC_OAUTH (or GOOGLE for the type google). Needs only the api_key.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      query: ['OidcRedirectUrl'],
      success: { status: 200, description: 'The authorization URL.', schema: 'OidcAuthorization' },
    },
  },
  [`${SS_AUTH_BASE}/otp`]: {
    POST: {
      operationId: 'requestContactOtpSS',
      summary: 'Send a one-time code',
      description: 'A 6-digit code goes by SMS (PHONE) or email (EMAIL) to the contact with that credential. Requests are counted; past the limit 429 with Retry-After.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactOtpRequest',
      notFound: 'CredentialNotFound',
      tooMany: 'TooManyLogins',
      success: { status: 200, description: 'The code was sent.', schema: 'ContactOtp' },
    },
  },
  [`${SS_AUTH_BASE}/validate_otp`]: {
    POST: {
      operationId: 'validateContactOtpSS',
      summary: 'Validate a one-time code',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactValidateOtpRequest',
      unauthorized: 'InvalidOtp',
      success: { status: 200, description: 'Signed in; the identity is now verified.', schema: 'ContactAuth' },
    },
  },
  [`${SS_AUTH_BASE}/refresh`]: {
    POST: {
      operationId: 'refreshContactSessionSS',
      summary: 'Refresh a contact session',
      description:
        'The refresh token goes in `authorization: Bearer <refresh_token>` (also accepted without `Bearer `, or in the v1 `refresh_token` header); it is the only credential needed (it names its tenant). An api_key may come along and must then belong to the same tenant. No body (an empty JSON object is accepted). The refresh token is spent: a repeat within the reuse grace window returns the same new pair, a later repeat ends the session. The new access token keeps the sign-in time (`auth_time`). 401 means: sign in again.',
      tag: SSAUTH,
      audience: 'refresh',
      unauthorized: 'InvalidRefresh',
      success: { status: 200, description: 'A new token pair.', schema: 'ContactAuth' },
    },
  },
  [`${SS_AUTH_BASE}/forgot_password`]: {
    POST: {
      operationId: 'forgotPasswordSS',
      summary: 'Ask for a password reset',
      description: 'Emails a reset token when a contact has this email. Answered with 204 either way, so it reveals no account.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactForgotPasswordRequest',
      success: { status: 204, description: 'Accepted. No body.' },
    },
  },
  [`${SS_AUTH_BASE}/change_password`]: {
    POST: {
      operationId: 'changeForgottenPasswordSS',
      summary: 'Reset a forgotten password',
      description: 'With the token of the reset email (valid for 1 hour, once). An invalid, used or expired token is a 400 naming `token`.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactResetPasswordRequest',
      success: { status: 204, description: 'The password was changed. No body.' },
    },
  },
  [`${SS_AUTH_BASE}/request_email_verification`]: {
    POST: {
      operationId: 'requestEmailVerificationSS',
      summary: 'Ask for an email verification',
      description: 'Emails a verification token when an unverified contact identity has this email. Answered with 204 either way.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      body: 'ContactEmailVerificationRequest',
      success: { status: 204, description: 'Accepted. No body.' },
    },
  },
  [`${SS_AUTH_BASE}/verify_email`]: {
    GET: {
      operationId: 'verifyContactEmailSS',
      summary: 'Verify an email',
      description: 'With the token of the verification email (valid for 1 hour, once), and the api_key. An invalid, used or expired token is a 400 naming `token`.',
      tag: SSAUTH,
      audience: 'apiKeyOnly',
      query: ['VerifyEmailToken'],
      success: { status: 200, description: 'Verified. No body (as the Self-Service v2 spec documents).' },
    },
  },
  [`${SS_AUTH_BASE}/:id/sign_out`]: {
    POST: {
      operationId: 'signOutContactSS',
      summary: 'Sign out',
      description:
        "Ends the session of the access token: its refresh tokens stop working at once, its access tokens within moments. `{id}` must be the token's contact id (`sub`); any other id is 403.",
      tag: SSAUTH,
      audience: 'contact',
      body: 'ContactSignOutRequest',
      bodyOptional: true,
      success: { status: 204, description: 'Signed out. No body.' },
    },
  },
  [`${SS_AUTH_BASE}/:id/change_password`]: {
    POST: {
      operationId: 'changePasswordSS',
      summary: 'Change the password',
      description:
        'The signed-in contact sets a new password; every session of the contact ends (sign in again with the new password). `{password}` alone is accepted within the re-authentication window after signing in (5 minutes by default, counted from the sign-in: refreshing does not renew it); later the answer is 403 (CRM.EXCEPTIONS.FORBIDDENEXCEPTION, field `current_password`): send `current_password`, or sign in again. A wrong `current_password` is 400.',
      tag: SSAUTH,
      audience: 'contact',
      body: 'ContactChangePasswordRequest',
      notFound: true,
      success: { status: 204, description: 'The password was changed. No body.' },
    },
  },
  [`${SS_AUTH_BASE}/:id/identities`]: {
    POST: {
      operationId: 'addContactIdentitySS',
      summary: 'Add login credentials to a contact',
      description:
        'For a contact that already existed (e.g. created in the back office): with its own access token, or a secret api_key. The answer names the contact (the identity has no id of its own here).',
      tag: SSAUTH,
      audience: 'contactOrSecret',
      body: 'ContactIdentificationRequest',
      conflict: 'RegisterConflict',
      notFound: true,
      success: { status: 201, description: 'Added; the id of the contact.', schema: 'IdResult' },
    },
  },

  '/backoffice/v2/contacts': {
    GET: {
      operationId: 'listContactsBO',
      summary: 'List contacts',
      description: 'Filters combine with AND. Unknown or repeated query parameters are refused (400).',
      tag: BO,
      audience: 'backoffice',
      query: LIST_CONTACTS_QUERY,
      reads: true,
      success: { status: 200, description: 'A page of contacts.', schema: 'ContactPage' },
    },
    POST: {
      operationId: 'createContactBO',
      summary: 'Create a contact',
      tag: BO,
      audience: 'backoffice',
      body: 'BackOfficeContactCreateRequest',
      idempotencyKey: true,
      writes: true,
      success: { status: 201, description: 'Created; the id of the new contact.', schema: 'IdResult' },
    },
  },
  '/backoffice/v2/contacts/:id': {
    GET: {
      operationId: 'getContactBO',
      summary: 'Get a contact',
      tag: BO,
      audience: 'backoffice',
      reads: true,
      notFound: true,
      success: { status: 200, description: 'The contact.', schema: 'BackOfficeContact' },
    },
    PUT: {
      operationId: 'updateContactBO',
      summary: 'Update a contact (partial)',
      tag: BO,
      audience: 'backoffice',
      body: 'BackOfficeContactUpdateRequest',
      reads: true,
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'unregisterContactBO',
      summary: 'Unregister a contact',
      tag: BO,
      audience: 'backoffice',
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Unregistered. No body.' },
    },
  },
  '/backoffice/v2/contacts/:id/tags': {
    PUT: {
      operationId: 'setContactTagsBO',
      summary: 'Replace the tags of a contact',
      tag: BO,
      audience: 'backoffice',
      body: 'ContactTagsRequest',
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
    },
  },
  '/self-service/v2/contacts/:id': {
    GET: {
      operationId: 'getSingleContactSS',
      summary: 'Get a contact',
      tag: SS,
      audience: 'selfservice',
      reads: true,
      notFound: true,
      success: { status: 200, description: 'The contact.', schema: 'SelfServiceContact' },
    },
    PUT: {
      operationId: 'updateContactSS',
      summary: 'Update a contact (partial)',
      tag: SS,
      audience: 'selfservice',
      body: 'SelfServiceContactUpdateRequest',
      reads: true,
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Updated; the id of the contact.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'unregisterContactSS',
      summary: 'Unregister a contact',
      tag: SS,
      audience: 'selfservice',
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Unregistered. No body.' },
    },
  },
  '/self-service/v2/contacts/:id/addresses': {
    GET: {
      operationId: 'listContactAddressesSS',
      summary: 'List the addresses of a contact',
      description: 'Unknown or repeated query parameters are refused (400).',
      tag: SSA,
      audience: 'selfservice',
      query: LIST_ADDRESSES_QUERY,
      reads: true,
      notFound: true,
      success: { status: 200, description: 'A page of addresses.', schema: 'AddressPage' },
    },
    POST: {
      operationId: 'addContactAddessSS',
      summary: 'Add an address',
      tag: SSA,
      audience: 'selfservice',
      body: 'AddressRequest',
      notFound: true,
      writes: true,
      success: { status: 201, description: 'Created; the id of the new address.', schema: 'IdResult' },
    },
  },
  '/backoffice/v2/users/authenticate': {
    POST: {
      operationId: 'authenticateUserBO',
      summary: 'Sign in a back-office user',
      description:
        'Send the api_key (public or secret) of the tenant. Failed sign-ins are counted per username and per address; past the limit the answer is 429 with Retry-After.',
      tag: BOU,
      audience: 'apiKeyOnly',
      body: 'UserAuthenticateRequest',
      unauthorized: 'InvalidLogin',
      tooMany: 'TooManyLogins',
      success: { status: 200, description: 'Signed in.', schema: 'AuthTokens' },
    },
  },
  '/backoffice/v2/users/refresh': {
    POST: {
      operationId: 'refreshUserSessionBO',
      summary: 'Refresh a session',
      description:
        'The refresh token goes in `authorization: Bearer <refresh_token>` (also accepted without `Bearer `, or in the v1 `refresh_token` header); it is the only credential needed (it names its tenant). An api_key may come along and must then belong to the same tenant; `mode` is answered only when one did. No body (an empty JSON object is accepted). The refresh token is spent: a repeat within the reuse grace window (10 s by default) returns the same new pair, a later repeat ends the session.',
      tag: BOU,
      audience: 'refresh',
      unauthorized: 'InvalidRefresh',
      success: { status: 200, description: 'A new token pair.', schema: 'AuthTokens' },
    },
  },
  '/backoffice/v2/users/forgot_password': {
    POST: {
      operationId: 'forgotPasswordBO',
      summary: 'Ask for a password reset',
      description: 'Answered with 204 whether or not a user has the email, so it reveals no account.',
      tag: BOU,
      audience: 'apiKeyOnly',
      body: 'ForgotPasswordRequest',
      success: { status: 204, description: 'Accepted. No body.' },
    },
  },
  '/backoffice/v2/users/change_password': {
    POST: {
      operationId: 'changeForgottenPasswordBO',
      summary: 'Reset a forgotten password',
      description:
        'Completes a reset with the token of the reset email (valid for 1 hour, once); every session of the user ends. An invalid, used or expired token is a 400 naming `token`.',
      tag: BOU,
      audience: 'apiKeyOnly',
      body: 'ContactResetPasswordRequest',
      success: { status: 204, description: 'The password was changed. No body.' },
    },
  },
  '/backoffice/v2/users': {
    GET: {
      operationId: 'listUsersBO',
      summary: 'List back-office users',
      description:
        'Users of the tenant, oldest first; needs users.read (or users.manage). Filters: teams and user_roles (comma-separated GUIDs; any of). Other or repeated query parameters are refused (400).',
      tag: BOU,
      audience: 'backoffice',
      query: ['UserPageNumber', 'Size', 'UserTeams', 'UserRolesFilter'],
      reads: true,
      success: { status: 200, description: 'A page of users.', schema: 'UserPage' },
    },
    POST: {
      operationId: 'createUserBO',
      summary: 'Create a back-office user',
      description: 'Needs users.manage; you can only grant roles whose permissions you hold, and only an owner grants the owner role. A taken email: 409.',
      tag: BOU,
      audience: 'backoffice',
      body: 'UserCreateRequest',
      writes: true,
      success: { status: 201, description: 'Created; the id of the user.', schema: 'IdResult' },
    },
  },
  '/backoffice/v2/users/:id': {
    GET: {
      operationId: 'getUserBO',
      summary: 'Get a back-office user',
      description: 'Needs users.read (or users.manage).',
      tag: BOU,
      audience: 'backoffice',
      reads: true,
      notFound: 'UserNotFound',
      success: { status: 200, description: 'The user.', schema: 'User' },
    },
    PUT: {
      operationId: 'updateUserBO',
      summary: 'Change a back-office user',
      description: 'Needs users.manage. Names, roles and teams; the last active owner keeps the owner role (409).',
      tag: BOU,
      audience: 'backoffice',
      body: 'UserUpdateRequest',
      notFound: 'UserNotFound',
      writes: true,
      success: { status: 200, description: 'Updated; the id of the user.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'disableUserBO',
      summary: 'Disable a back-office user',
      description: 'Needs users.manage. The user is disabled (kept, never erased) and every session ends. Nobody disables themselves or the last active owner (409).',
      tag: BOU,
      audience: 'backoffice',
      notFound: 'UserNotFound',
      writes: true,
      success: { status: 204, description: 'Disabled. No body.' },
    },
  },
  '/backoffice/v2/user_roles/:id': {
    GET: {
      operationId: 'getUserRoleBO',
      summary: 'Get a user role',
      description: 'Needs users.read (or roles.manage).',
      tag: BOD,
      audience: 'backoffice',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The role.', schema: 'UserRole' },
    },
    PUT: {
      operationId: 'updateUserRoleBO',
      summary: 'Change a custom role',
      description: 'Needs roles.manage; you can only add permissions you hold. Built-in roles and taken names: 409.',
      tag: BOD,
      audience: 'backoffice',
      body: 'UserRoleUpdateRequest',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 200, description: 'Updated; the id of the role.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'deleteUserRoleBO',
      summary: 'Delete a custom role',
      description: 'Needs roles.manage. A role still held by a user or a live secret key, or a built-in role: 409.',
      tag: BOD,
      audience: 'backoffice',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 204, description: 'Deleted. No body.' },
    },
  },
  '/backoffice/v2/teams': {
    GET: {
      operationId: 'listTeamsBO',
      summary: 'List teams',
      description: 'Every team of the business, by name; needs users.read (or users.manage).',
      tag: BOD,
      audience: 'backoffice',
      reads: true,
      success: { status: 200, description: 'The teams.', schema: 'TeamList' },
    },
    POST: {
      operationId: 'createTeamBO',
      summary: 'Create a team',
      description: 'Needs users.manage. A taken name (case-insensitive): 409.',
      tag: BOD,
      audience: 'backoffice',
      body: 'TeamRequest',
      writes: true,
      success: { status: 201, description: 'Created; the id of the team.', schema: 'IdResult' },
    },
  },
  '/backoffice/v2/teams/:id': {
    GET: {
      operationId: 'getTeamBO',
      summary: 'Get a team',
      tag: BOD,
      audience: 'backoffice',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The team.', schema: 'Team' },
    },
    PUT: {
      operationId: 'renameTeamBO',
      summary: 'Rename a team',
      description: 'Needs users.manage. A taken name: 409.',
      tag: BOD,
      audience: 'backoffice',
      body: 'TeamRequest',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 200, description: 'Renamed; the id of the team.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'deleteTeamBO',
      summary: 'Delete a team',
      description: 'Needs users.manage. A team that still has members: 409 (move them first).',
      tag: BOD,
      audience: 'backoffice',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 204, description: 'Deleted. No body.' },
    },
  },
  '/backoffice/v2/api_keys': {
    GET: {
      operationId: 'listApiKeysBO',
      summary: 'List API keys',
      description: 'Every public and secret key of the business, masked; needs keys.manage.',
      tag: BOD,
      audience: 'backoffice',
      reads: true,
      success: { status: 200, description: 'The keys, masked.', schema: 'ApiKeyList' },
    },
    POST: {
      operationId: 'createApiKeyBO',
      summary: 'Create a secret key',
      description: 'Needs keys.manage, and every permission of the role the key is bound to. The key is in this answer only; it is stored hashed.',
      tag: BOD,
      audience: 'backoffice',
      body: 'ApiKeyCreateRequest',
      writes: true,
      success: { status: 201, description: 'Created; the key, shown once.', schema: 'IssuedApiKey' },
    },
  },
  '/backoffice/v2/api_keys/:id': {
    DELETE: {
      operationId: 'revokeApiKeyBO',
      summary: 'Revoke a key',
      description: 'Needs keys.manage. The key stops working at once (gateways drop it on the revocation event).',
      tag: BOD,
      audience: 'backoffice',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 204, description: 'Revoked. No body.' },
    },
  },
  '/backoffice/v2/api_keys/:id/rotate': {
    POST: {
      operationId: 'rotateApiKeyBO',
      summary: 'Rotate a key',
      description: 'Needs keys.manage. Answers the replacement (same application, role and mode); the old key works until old_key_expiration_date.',
      tag: BOD,
      audience: 'backoffice',
      body: 'ApiKeyRotateRequest',
      notFound: 'RecordNotFound',
      writes: true,
      success: { status: 201, description: 'The replacement key, shown once.', schema: 'IssuedApiKey' },
    },
  },
  '/backoffice/v2/organisations': {
    GET: {
      operationId: 'listOrganisationsBO',
      summary: 'List organisations',
      description: 'The business, its merchants and venues; for signed-in back-office users.',
      tag: BOD,
      audience: 'user',
      reads: true,
      success: { status: 200, description: 'The organisations.', schema: 'OrganisationList' },
    },
  },
  '/backoffice/v2/organisations/:id': {
    GET: {
      operationId: 'getOrganisationBO',
      summary: 'Get an organisation',
      tag: BOD,
      audience: 'user',
      reads: true,
      notFound: 'RecordNotFound',
      success: { status: 200, description: 'The organisation.', schema: 'Organisation' },
    },
  },
  '/backoffice/v2/user_roles': {
    GET: {
      operationId: 'listUserRolesBO',
      summary: 'List user roles',
      description: 'Every role of the tenant, built-in and custom; needs users.read (or roles.manage).',
      tag: BOU,
      audience: 'backoffice',
      reads: true,
      success: { status: 200, description: 'The roles.', schema: 'UserRoleList' },
    },
    POST: {
      operationId: 'createUserRoleBO',
      summary: 'Create a custom role',
      description: 'Needs roles.manage; you can only grant permissions you hold. A taken name: 409.',
      tag: BOD,
      audience: 'backoffice',
      body: 'UserRoleCreateRequest',
      writes: true,
      success: { status: 201, description: 'Created; the id of the role.', schema: 'IdResult' },
    },
  },
  '/backoffice/v2/users/:id/sign_out': {
    POST: {
      operationId: 'signOutUserBO',
      summary: 'Sign out',
      description:
        "Ends the session of the access token: its refresh tokens stop working at once, its access tokens within moments. `{id}` must be the token's user id (`sub`). No body (an empty JSON object is accepted).",
      tag: BOU,
      audience: 'user',
      success: { status: 204, description: 'Signed out. No body.' },
    },
  },
  '/backoffice/v2/organisations/switch/:id': {
    POST: {
      operationId: 'switchOrganisationBO',
      summary: 'Switch organisation',
      description: 'New tokens acting for another organisation (merchant, venue) of the tenant. No body (an empty JSON object is accepted).',
      tag: BOU,
      audience: 'user',
      notFound: 'OrganisationNotFound',
      success: { status: 200, description: 'A token pair for the organisation.', schema: 'AuthTokens' },
    },
  },
  '/self-service/v2/contacts/:id/addresses/:address_id': {
    PUT: {
      operationId: 'updateContactAddressSS',
      summary: 'Replace an address',
      tag: SSA,
      audience: 'selfservice',
      body: 'AddressRequest',
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Updated; the id of the address.', schema: 'IdResult' },
    },
    DELETE: {
      operationId: 'deleteContactAddressSS',
      summary: 'Remove an address',
      tag: SSA,
      audience: 'selfservice',
      notFound: true,
      writes: true,
      success: { status: 200, description: 'Removed. No body.' },
    },
  },
};

const METHOD_ORDER: Method[] = ['GET', 'PUT', 'POST', 'DELETE'];

/** `/a/:id/b` → `/a/{id}/b`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function pathParameterRefs(pattern: string): Json[] {
  return [...pattern.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => {
    const component = ROUTE_PATH_PARAMETERS[pattern]?.[name!] ?? PATH_PARAMETER_OF[name!];
    if (!component) throw new Error(`route ${pattern}: path parameter ${name} is not documented`);
    return ref('parameters', component);
  });
}

function operationObject(doc: OperationDoc): Json {
  const parameters: Json[] = [
    ...(doc.query ?? []).map((name) => {
      if (!QUERY_PARAMETERS[name]) throw new Error(`unknown query parameter component ${name}`);
      return ref('parameters', name);
    }),
    ...(doc.idempotencyKey ? [ref('parameters', 'IdempotencyKey')] : []),
    ...(doc.reads ? [ref('parameters', 'ConsistencyToken')] : []),
    ref('parameters', 'CorrelationId'),
  ];
  const responses: Record<string, Json> = {
    [String(doc.success.status)]: {
      description: doc.success.description,
      ...(doc.success.schema ? { content: { 'application/json': { schema: ref('schemas', doc.success.schema) } } } : {}),
    },
    '400': ref('responses', 'BadRequest'),
    '401': ref('responses', doc.unauthorized ?? 'Unauthorized'),
    '403': ref('responses', 'Forbidden'),
    ...(doc.notFound ? { '404': ref('responses', doc.notFound === true ? 'NotFound' : doc.notFound) } : {}),
    ...(doc.writes || doc.conflict ? { '409': ref('responses', doc.conflict ?? 'Conflict') } : {}),
    ...(doc.body ? { '413': ref('responses', 'PayloadTooLarge'), '415': ref('responses', 'UnsupportedMediaType') } : {}),
    '429': ref('responses', doc.tooMany ?? 'TooManyRequests'),
    '500': ref('responses', 'InternalError'),
    '503': ref('responses', 'ServiceUnavailable'),
  };
  const queryNote = doc.query ? '' : 'Takes no query parameters: any is refused (400).';
  const description = [doc.description, queryNote].filter(Boolean).join(' ');
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    ...(description ? { description } : {}),
    tags: [doc.tag],
    security: SECURITY[doc.audience],
    parameters,
    ...(doc.body ? { requestBody: { required: !doc.bodyOptional, content: { 'application/json': { schema: ref('schemas', doc.body) } } } } : {}),
    responses,
  };
}

function sortedObject<T>(entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The facade's OpenAPI 3.1 document, built from the router's routes and the zod schemas. */
export function buildRestOpenApi(): Json {
  const paths: Record<string, Json> = {};
  const documented = new Set<string>();
  for (const route of restRoutes()) {
    const docs = OPERATIONS[route.pattern];
    if (!docs) throw new Error(`route ${route.pattern} is not documented in openapi.ts`);
    const methods = allowedMethods(route);
    const item: Json = {
      description: `Other methods are answered with 405 and an Allow header (${METHOD_ORDER.filter((m) => methods.includes(m)).join(', ')}).`,
      parameters: pathParameterRefs(route.pattern),
    };
    for (const method of METHOD_ORDER) {
      if (!methods.includes(method)) continue;
      const doc = docs[method];
      if (!doc) throw new Error(`${method} ${route.pattern} is not documented in openapi.ts`);
      item[method.toLowerCase()] = operationObject(doc);
      documented.add(`${method} ${route.pattern}`);
    }
    if ((item['parameters'] as Json[]).length === 0) delete item['parameters'];
    paths[openApiPath(route.pattern)] = item;
  }
  for (const [pattern, docs] of Object.entries(OPERATIONS)) {
    for (const method of Object.keys(docs)) {
      if (!documented.has(`${method} ${pattern}`)) throw new Error(`openapi.ts documents ${method} ${pattern}, which the router does not serve`);
    }
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: TITLE,
      version: packageVersion(),
      description: [
        'The CRM.COM-style REST facade over the federated GraphQL gateway (generated from supergraph/src/rest; do not edit).',
        'Bodies are JSON objects with snake_case fields; unknown fields are refused with a 400 naming them. Timestamps are epoch seconds. Responses omit absent values rather than sending null.',
        'Errors: `{error: "CRM.EXCEPTIONS.<NAME>", message, field?, correlation_id?}`. A path the facade serves, called with another method, gets 405 with an Allow header.',
        "Reads see the caller's own REST writes of the last 60 s (read-your-writes); x-consistency-token adds tokens of other writes.",
        'Access tokens are accepted only by their own API family: a contact (self-service) token is refused with 401 on /backoffice/v2 and a back-office user token on /self-service/v2.',
        DEV_AUTH_NOTE,
      ].join('\n\n'),
    },
    servers: [{ url: '/', description: 'The gateway (the facade is served beside /graphql).' }],
    tags: [
      { name: BO, description: 'Admin users and server-to-server integrations (secret api_key or admin JWT).' },
      { name: SS, description: 'The contact acting on its own record (public api_key + contact JWT).' },
      { name: SSA, description: 'The addresses of a contact.' },
      { name: BOU, description: 'Back-office user sessions: sign in, refresh, sign out, switch organisation (NOTES §1.3); users.' },
      { name: BOD, description: 'User roles, teams, API keys and organisations of the business (NOTES §3.2, §6).' },
      {
        name: SSAUTH,
        description: 'Contact identities (NOTES §2.1): register, sign in by password, one-time code or an external provider (OIDC, Google, Facebook), refresh, sign out, passwords, email verification.',
      },
    ],
    paths,
    components: {
      schemas: sortedObject({ ...requestSchemas(), ...responseSchemas() }),
      parameters: sortedObject({ ...PATH_PARAMETERS, ...QUERY_PARAMETERS, ...HEADER_PARAMETERS }),
      responses: sortedObject(RESPONSES),
      securitySchemes: sortedObject(SECURITY_SCHEMES),
    },
  };
}
