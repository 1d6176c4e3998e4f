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
  backOfficeAddressResponse,
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
} from './response-schemas';
import { DEFAULT_PAGE_SIZE, LIST_QUERY_LIMITS, MAX_PAGE_SIZE, SORT_PARAMETER_VALUES } from './list-query';
import { CONSISTENCY_HEADER } from './rest-context';
import { IDEMPOTENCY_KEY_PATTERN } from './request';

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
};
const PATH_PARAMETER_OF: Record<string, string> = { id: 'ContactId', address_id: 'AddressId' };

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
  MethodNotAllowed: errorResponseOf('The path exists but not with this method (CRM.EXCEPTIONS.METHODNOTALLOWEDEXCEPTION).', {
    Allow: { description: 'The methods the path supports, e.g. `GET, PUT, DELETE`.', schema: { type: 'string' } },
  }),
  Conflict: errorResponseOf('The write conflicts with the current state, e.g. a contact code already taken (CRM.EXCEPTIONS.CONFLICTEXCEPTION).'),
  PayloadTooLarge: errorResponseOf('The body exceeds the limit (REST_MAX_BODY_BYTES, 1 MiB by default) (CRM.EXCEPTIONS.PAYLOADTOOLARGEEXCEPTION).'),
  UnsupportedMediaType: errorResponseOf('The body is not JSON (CRM.EXCEPTIONS.UNSUPPORTEDMEDIATYPEEXCEPTION).'),
  TooManyRequests: errorResponseOf('Rate limited (CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION).', {
    'Retry-After': { description: 'Seconds to wait, when the gateway said so.', schema: { type: 'string' } },
  }),
  InternalError: errorResponseOf('Unexpected failure, masked (CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION); correlation_id identifies it in the logs.'),
  ServiceUnavailable: errorResponseOf('The gateway or a subgraph is unavailable; retry later (CRM.EXCEPTIONS.SERVICEUNAVAILABLEEXCEPTION).'),
};

// ---- security ----------------------------------------------------------------------------------

const DEV_AUTH_NOTE =
  'Until the identity domain lands, api_key and bearer tokens are passed through but not verified: the gateway runs either the anonymous authenticator or, when DEV_AUTH_ENABLED=true (never in production), the development authenticator, where `x-dev-tenant` names the tenant and `x-dev-principal` the caller (`user`, `user:<perm,…>`, `service:<perm,…>`, `contact:<contact uuid>` or `anonymous`; default `user`).';

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
  idempotencyKey?: boolean;
  /** The route reads (so x-consistency-token applies). */
  reads?: boolean;
  success: { status: 200 | 201; description: string; schema?: string };
  notFound?: boolean;
  /** A write: may conflict. */
  writes?: boolean;
}

const BO = 'Back-office contacts';
const SS = 'Self-service contacts';
const SSA = 'Self-service contact addresses';

/** Keyed by router pattern, then method. Every route of the router must be here and vice versa. */
const OPERATIONS: Record<string, Partial<Record<Method, OperationDoc>>> = {
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
    const component = PATH_PARAMETER_OF[name!];
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
    '401': ref('responses', 'Unauthorized'),
    '403': ref('responses', 'Forbidden'),
    ...(doc.notFound ? { '404': ref('responses', 'NotFound') } : {}),
    ...(doc.writes ? { '409': ref('responses', 'Conflict') } : {}),
    ...(doc.body ? { '413': ref('responses', 'PayloadTooLarge'), '415': ref('responses', 'UnsupportedMediaType') } : {}),
    '429': ref('responses', 'TooManyRequests'),
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
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', doc.body) } } } } : {}),
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
        DEV_AUTH_NOTE,
      ].join('\n\n'),
    },
    servers: [{ url: '/', description: 'The gateway (the facade is served beside /graphql).' }],
    tags: [
      { name: BO, description: 'Admin users and server-to-server integrations (secret api_key or admin JWT).' },
      { name: SS, description: 'The contact acting on its own record (public api_key + contact JWT).' },
      { name: SSA, description: 'The addresses of a contact.' },
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
