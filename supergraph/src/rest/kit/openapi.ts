import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { compileRoutes, groupRoutes, MAX_SEGMENT_LENGTH, type Method } from './router';
import { CONSISTENCY_HEADER } from './context';
import { IDEMPOTENCY_KEY_PATTERN } from './request';
import { DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE } from './paging';
import { countryCodeResponse, errorResponse, idResponse, pagingResponse } from './response-schemas';
import { guid } from './body';
import { DEV_AUTH_NOTE, SECURITY, SECURITY_SCHEMES } from './security';
import type { OpenApiFragment, OperationDoc, RestResource, SchemaComponent } from './resource';

/**
 * Assembles the REST facade's own OpenAPI 3.1 document (schema/rest/openapi.json, written by
 * compose.ts) from the resources' route definitions and OpenAPI fragments.
 *
 * Generated, not hand-written: the paths are the routes (every route carries its operation doc);
 * request bodies are the zod schemas the handlers validate with; response bodies are zod schemas
 * that unit tests check against real mapper output. Components come from the kit (below) and from
 * the resources' fragments; a name two fragments register must mean the same thing (else
 * generation fails). Output is deterministic and independent of the order resources are listed
 * in (paths, tags and component maps are sorted), so `compose --check` is reliable.
 */

type Json = Record<string, unknown>;

const TITLE = 'CRM platform REST facade';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('supergraph/package.json has no version');
  return pkg.version;
}

export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

// ---- schemas from zod ------------------------------------------------------------------------

export const CASE_INSENSITIVE = 'Case-insensitive; surrounding whitespace is ignored.';
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

function componentSchemas(entries: SchemaComponent[], io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const { name, schema } of entries) registry.add(schema, { id: name });
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
  for (const entry of entries) {
    const target = out[entry.name];
    if (!target) throw new Error(`no schema ${entry.name}`);
    if (io === 'input' && entry.extend) out[entry.name] = { ...target, ...entry.extend };
    if (io === 'output' && entry.description) out[entry.name] = { description: entry.description, ...target };
  }
  return out;
}

/** Rules a handler enforces after zod (e.g. alternative spellings), for a request schema's `extend`. */
export const exactlyOneOf = (a: string, b: string) => ({ oneOf: [{ required: [a] }, { required: [b] }] });
export const notBoth = (a: string, b: string) => ({ not: { required: [a, b] } });
export const allOf = (...parts: Json[]) => ({ allOf: parts });

// ---- parameters, headers, responses every resource may use ----------------------------------

/** A path parameter component (`{id}` and the like): percent-decoded, at most MAX_SEGMENT_LENGTH characters. */
export const pathParameter = (name: string, description: string, maxLength: number = MAX_SEGMENT_LENGTH): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', minLength: 1, maxLength },
});

export const query = (name: string, schema: Json, description: string): Json => ({ name, in: 'query', required: false, description, schema });

export const errorResponseOf = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref('schemas', 'Error') } },
});

const L = { maxOffset: MAX_OFFSET };

const KIT: OpenApiFragment = {
  requestSchemas: [{ name: 'GuidInput', schema: guid, extend: { description: 'A GUID, dashed or 32 hex digits, any case.' } }],
  responseSchemas: [
    {
      name: 'Error',
      schema: errorResponse,
      description:
        'Every failure: `{error, message, field?, correlation_id?}`. Unexpected failures are masked as CRM.EXCEPTIONS.INTERNALSERVEREXCEPTION.',
    },
    { name: 'Paging', schema: pagingResponse, description: 'The paging envelope of list responses (NOTES §1.5).' },
    { name: 'IdResult', schema: idResponse },
    { name: 'CountryCode', schema: countryCodeResponse },
  ],
  parameters: {
    DirectoryId: {
      name: 'id',
      in: 'path',
      required: true,
      description: 'The GUID of the record (dashed or 32 hex digits, any case); anything else is a 404.',
      schema: { type: 'string', minLength: 1, maxLength: MAX_SEGMENT_LENGTH },
    },
    Page: query(
      'page',
      { type: 'integer', minimum: 1, maximum: L.maxOffset, default: 1 },
      `1-based page number; (page - 1) × size must not exceed ${L.maxOffset}.`,
    ),
    Size: query('size', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }, 'Page size.'),
    IncludeTotal: query(
      'include_total',
      { type: 'boolean', default: false },
      'When true, paging.total is sent (for contacts capped at 10,000); otherwise it is omitted. `true`/`false`, any case.',
    ),
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
  },
  responses: {
    BadRequest: errorResponseOf(
      'Invalid input (CRM.EXCEPTIONS.INVALIDVALUEEXCEPTION): an unknown, repeated or malformed query parameter, a bad path parameter, a missing, malformed or invalid body, or a field refused by the domain. `field` names it.',
    ),
    Unauthorized: errorResponseOf('The credentials are missing or invalid (CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION).'),
    Forbidden: errorResponseOf('The caller lacks the permission (CRM.EXCEPTIONS.FORBIDDENEXCEPTION).'),
    RecordNotFound: errorResponseOf('The tenant has no such record (CRM.EXCEPTIONS.NOTFOUNDEXCEPTION).'),
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
  },
};

// ---- operations --------------------------------------------------------------------------------

const METHOD_ORDER: Method[] = ['GET', 'PUT', 'POST', 'DELETE'];

/** `/a/:id/b` → `/a/{id}/b`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function pathParameterRefs(pattern: string, components: Record<string, string>, known: Map<string, Json>): Json[] {
  return [...pattern.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => {
    const component = components[name!];
    if (!component) throw new Error(`route ${pattern}: path parameter ${name} is not documented`);
    if (!known.has(component)) throw new Error(`route ${pattern}: unknown path parameter component ${component}`);
    return ref('parameters', component);
  });
}

function operationObject(doc: OperationDoc, known: Map<string, Json>): Json {
  const parameters: Json[] = [
    ...(doc.query ?? []).map((name) => {
      if (!known.has(name)) throw new Error(`unknown query parameter component ${name}`);
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
      // a file streamed with its stored content type
      ...(doc.success.binary ? { content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } : {}),
    },
    '400': ref('responses', doc.badRequest ?? 'BadRequest'),
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
    ...(doc.body
      ? { requestBody: { required: !doc.bodyOptional, content: { [doc.bodyMedia ?? 'application/json']: { schema: ref('schemas', doc.body) } } } }
      : {}),
    responses,
  };
}

function sortedObject<T>(entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds `entries` to `into`; a name already there must carry the same value (same zod schema, same JSON). */
function mergeNamed<T>(into: Map<string, T>, entries: Iterable<[string, T]>, what: string, same: (a: T, b: T) => boolean): void {
  for (const [name, value] of entries) {
    const had = into.get(name);
    if (had !== undefined && !same(had, value)) throw new Error(`two resources register different ${what} components named ${name}`);
    into.set(name, value);
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The facade's OpenAPI 3.1 document, built from the resources' routes and fragments. */
export function buildOpenApi(resources: readonly RestResource[]): Json {
  const fragments = [KIT, ...resources.map((r) => r.openapi)];
  const requests = new Map<string, SchemaComponent>();
  const responses = new Map<string, SchemaComponent>();
  const parameters = new Map<string, Json>();
  const responseComponents = new Map<string, Json>();
  const tags = new Map<string, { name: string; description: string }>();
  const sameSchema = (a: SchemaComponent, b: SchemaComponent) =>
    a.schema === b.schema && sameJson(a.extend, b.extend) && a.description === b.description;
  for (const f of fragments) {
    mergeNamed(
      requests,
      (f.requestSchemas ?? []).map((s) => [s.name, s] as [string, SchemaComponent]),
      'request schema',
      sameSchema,
    );
    mergeNamed(
      responses,
      (f.responseSchemas ?? []).map((s) => [s.name, s] as [string, SchemaComponent]),
      'response schema',
      sameSchema,
    );
    mergeNamed(parameters, Object.entries(f.parameters ?? {}), 'parameter', sameJson);
    mergeNamed(responseComponents, Object.entries(f.responses ?? {}), 'response', sameJson);
    mergeNamed(
      tags,
      (f.tags ?? []).map((t) => [t.name, t] as [string, { name: string; description: string }]),
      'tag',
      sameJson,
    );
  }

  const paths: Record<string, Json> = {};
  const groups = groupRoutes(
    resources.flatMap((r) => r.routes.map((route) => ({ resource: r, route }))),
    (e) => e.route,
  );
  compileRoutes(groups.map((g) => ({ pattern: g.path, handlers: {} }))); // conflicting templates fail generation too
  for (const group of groups) {
    const methods = group.entries.map((e) => e.route.method);
    const first = group.entries[0]!;
    const item: Json = {
      description: `Other methods are answered with 405 and an Allow header (${METHOD_ORDER.filter((m) => methods.includes(m)).join(', ')}).`,
      parameters: pathParameterRefs(group.path, first.route.pathParameters ?? first.resource.pathParameters ?? {}, parameters),
    };
    for (const e of group.entries) {
      const own = pathParameterRefs(group.path, e.route.pathParameters ?? e.resource.pathParameters ?? {}, parameters);
      if (!sameJson(own, item['parameters']))
        throw new Error(`${e.route.method} ${group.path} documents its path parameters differently from ${first.route.method}`);
    }
    for (const method of METHOD_ORDER) {
      const e = group.entries.find((x) => x.route.method === method);
      if (e) item[method.toLowerCase()] = operationObject(e.route.doc, parameters);
    }
    if ((item['parameters'] as Json[]).length === 0) delete item['parameters'];
    paths[openApiPath(group.path)] = item;
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
    tags: [...tags.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    paths: sortedObject(paths),
    components: {
      schemas: sortedObject({ ...componentSchemas([...requests.values()], 'input'), ...componentSchemas([...responses.values()], 'output') }),
      parameters: sortedObject(Object.fromEntries(parameters)),
      responses: sortedObject(Object.fromEntries(responseComponents)),
      securitySchemes: sortedObject(SECURITY_SCHEMES),
    },
  };
}
