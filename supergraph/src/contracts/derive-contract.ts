import { createHash } from 'node:crypto';
import { factorSchemas } from './factor-schemas';

/**
 * Derives the facts-only contract from a published OpenAPI 3.0 document (the CRM.COM Self-Service
 * API). Kept: paths, methods, operationId, tags, deprecated, parameters (name, in, required,
 * schema, allowEmptyValue), request bodies, responses (status → content type → schema), the
 * declared security per operation and the security schemes. Dropped: prose and samples
 * (description, summary, title, example, examples), servers, contact and licence.
 *
 * Schemas are walked structurally, so a *property* named `description` or `example` stays; only the
 * annotation keywords go. The published document inlines every schema (no `$ref`, no
 * `components.schemas`); the output moves the schemas it repeats into `components.schemas` and
 * refers to them with `$ref` (see factor-schemas.ts), which takes it from 2.8 MB to well under
 * half a megabyte. Validation keywords are copied as published (including the prose patterns the
 * response validator removes when it compiles a schema).
 *
 * Pure: the same input gives byte-identical output (`stableJson` sorts every object's keys).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ContractSource {
  /** File name of the published document (no directory: the output must not depend on where it was read from). */
  fileName: string;
  /** The published document's raw text (hashed into the output, so a reader can tell which version it came from). */
  text: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** Schema annotation keywords that carry prose or samples, not facts. */
const ANNOTATIONS = new Set(['description', 'example', 'examples', 'title', 'externalDocs', 'xml']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `schema` without annotation keywords (property names are left alone). */
export function stripSchema(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripSchema(sub)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(stripSchema);
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map(stripSchema) : stripSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** `{ <content type>: { schema } }` with the schema stripped; media-type examples dropped. */
function content(source: Json | undefined): JsonObject | undefined {
  if (!isObject(source)) return undefined;
  const out: JsonObject = {};
  for (const [type, media] of Object.entries(source)) {
    out[type] = isObject(media) && media['schema'] !== undefined ? { schema: stripSchema(media['schema']) } : {};
  }
  return out;
}

function parameter(source: Json): Json {
  if (!isObject(source)) return source;
  const out = pick(source, ['name', 'in', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved']);
  if (source['schema'] !== undefined) out['schema'] = stripSchema(source['schema']);
  const media = content(source['content']);
  if (media) out['content'] = media;
  return out;
}

function operation(source: JsonObject): JsonObject {
  const out = pick(source, ['operationId', 'tags', 'deprecated', 'security']);
  if (Array.isArray(source['parameters'])) out['parameters'] = source['parameters'].map(parameter);
  const body = source['requestBody'];
  if (isObject(body)) {
    const requestBody = pick(body, ['required']);
    const media = content(body['content']);
    if (media) requestBody['content'] = media;
    out['requestBody'] = requestBody;
  }
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(isObject(source['responses']) ? source['responses'] : {})) {
    const media = isObject(response) ? content(response['content']) : undefined;
    responses[status] = media ? { content: media } : {};
  }
  out['responses'] = responses;
  return out;
}

function securitySchemes(source: Json | undefined): JsonObject {
  const out: JsonObject = {};
  if (!isObject(source)) return out;
  for (const [name, scheme] of Object.entries(source)) {
    out[name] = isObject(scheme) ? Object.fromEntries(Object.entries(scheme).filter(([key]) => key !== 'description')) : scheme;
  }
  return out;
}

/** The facts-only contract of `doc` (a parsed OpenAPI 3.0 document). */
export function deriveContract(doc: unknown, source: ContractSource): JsonObject {
  if (!isObject(doc) || typeof doc['openapi'] !== 'string' || !isObject(doc['paths'])) {
    throw new Error(`${source.fileName} is not an OpenAPI document (no "openapi" version or no "paths")`);
  }
  const info = isObject(doc['info']) ? pick(doc['info'], ['title', 'version']) : {};
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(doc['paths'])) {
    if (!isObject(item)) continue;
    const methods: JsonObject = {};
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) methods[method] = operation(op);
    }
    if (Array.isArray(item['parameters'])) methods['parameters'] = item['parameters'].map(parameter);
    paths[path] = methods;
  }
  const components = isObject(doc['components']) ? doc['components'] : {};
  const factored = factorSchemas(paths);
  const out: JsonObject = {
    'x-derived': {
      from: source.fileName,
      sha256: createHash('sha256').update(source.text).digest('hex'),
      by: 'npm run contracts:derive (supergraph/src/contracts/derive-contract.ts)',
      kept: 'paths, methods, operationId, tags, deprecated, parameters, request and response schemas, security, securitySchemes',
      dropped: 'description, summary, title, example, examples, servers, contact, license',
    },
    openapi: doc['openapi'],
    info,
    paths: factored.paths,
    components: { schemas: factored.schemas, securitySchemes: securitySchemes(components['securitySchemes']) },
  };
  if (Array.isArray(doc['security'])) out['security'] = doc['security'];
  if (Array.isArray(doc['tags'])) out['tags'] = doc['tags'].flatMap((t) => (isObject(t) && typeof t['name'] === 'string' ? [t['name']] : []));
  return out;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}

const LINE_WIDTH = 100;

const isScalar = (v: Json): v is null | boolean | number | string => v === null || typeof v !== 'object';

function inline(value: Json): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
    .join(', ')}}`;
}

function format(value: Json, indent: string): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value) && value.every(isScalar)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  const oneLine = inline(value);
  if (indent.length + oneLine.length <= LINE_WIDTH) return oneLine;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${format(value[k]!, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * Deterministic, diff-friendly JSON: keys sorted at every level; an array of scalars (an enum, a
 * `required` list) on one line; an object or array that fits in ${LINE_WIDTH} columns on one line;
 * anything larger expanded with a two-space indent. `JSON.parse` reads it back unchanged.
 */
export function stableJson(value: unknown): string {
  return `${format(sortKeys(value as Json), '')}\n`;
}
