import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { inlineRefs, type Json, type JsonObject } from '../../contracts/factor-schemas';
import { SELF_SERVICE_CONTRACT } from '../../contracts/paths';

/**
 * Validates REST responses against the Self-Service v2 contract (a test helper): the facts-only
 * JSON derived from the published OpenAPI (schema/contracts/, see supergraph/src/contracts/). Its
 * shared `$ref`s are inlined first, so each response schema is the published one minus annotations.
 *
 * The spec needs three adjustments before a JSON-Schema validator can use it:
 * 1. Custom formats: `epoch` (integer epoch seconds) and `GUID` (dashed or 32-hex) are not
 *    standard formats; Ajv rejects unknown formats, so both are registered.
 * 2. Broken patterns: some country-code fields carry `pattern: "3-letter ISO 3166-1 country code"`
 *    (and currency-code fields `pattern: "3-letter ISO 4217 currency code."`).
 *    That is prose, not a regex, yet a validator compiles it as one and then rejects every real
 *    code ("CYP" does not contain that sentence). Such patterns are removed; the same fields
 *    keep their enum and min/maxLength 3, so nothing real is lost. Any other pattern that is not
 *    a valid regex is removed for the same reason.
 * 3. OpenAPI 3.0 `nullable: true` is not JSON Schema. Ajv's own `nullable` support does not
 *    cover `allOf`/`enum` siblings (the spec wraps enums in allOf), so each nullable schema is
 *    rewritten as `anyOf: [{type: 'null'}, <schema without nullable>]`. A schema without
 *    `nullable` stays non-nullable, so a null where the spec does not allow one fails.
 *
 * Other OpenAPI-only keywords (`example`, `xml`, …) are ignored (Ajv `strict: false`).
 */

type Schema = Record<string, unknown>;

interface OpenApiDoc {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Schema };
}

export type ResponseValidator = (method: string, pathTemplate: string, status: number, body: unknown) => string[];

const PROSE_PATTERN = /ISO (3166|4217)/i;

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);

/** Returns a copy of `schema` with broken patterns removed and `nullable` turned into `anyOf` with null. */
export function adaptOpenApiSchema(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === 'pattern' && typeof value === 'string' && (PROSE_PATTERN.test(value) || !isValidRegex(value))) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, adaptOpenApiSchema(sub)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(adaptOpenApiSchema);
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map(adaptOpenApiSchema) : adaptOpenApiSchema(value);
    } else {
      out[key] = value;
    }
  }
  return source['nullable'] === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

const GUID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$/;

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('epoch', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat('GUID', GUID);
  return ajv;
}

const docs = new Map<string, OpenApiDoc>();

function loadDoc(specPath: string): OpenApiDoc {
  let doc = docs.get(specPath);
  if (!doc) {
    doc = JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDoc;
    docs.set(specPath, doc);
  }
  return doc;
}

/**
 * Parses the contract (JSON) once (per path, per process) and returns
 * `validateResponse(method, pathTemplate, status, body)` → error strings (empty = valid).
 * `pathTemplate` is the spec's key, e.g. `/self-service/v2/contacts/{id}`. A status the spec does
 * not document is an error; so is a body where the spec declares no content (and vice versa).
 */
/** Validates answers against the committed Self-Service contract (`schema/contracts/`), or another document. */
export function loadSelfServiceResponseValidator(specPath: string = SELF_SERVICE_CONTRACT): ResponseValidator {
  const doc = loadDoc(specPath);
  const ajv = createAjv();
  const compiled = new Map<string, ValidateFunction | null>();

  return (method, pathTemplate, status, body) => {
    const operation = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!operation) return [`${method.toUpperCase()} ${pathTemplate} is not in the spec`];
    const response = operation.responses?.[String(status)];
    if (!response) return [`status ${status} is not documented for ${method.toUpperCase()} ${pathTemplate}`];
    const schema = response.content?.['application/json']?.schema;
    const empty = body === undefined || body === null || body === '';
    if (!schema) return empty ? [] : [`status ${status} of ${method.toUpperCase()} ${pathTemplate} has no content, but a body was sent`];
    if (empty) return [`status ${status} of ${method.toUpperCase()} ${pathTemplate} expects a JSON body`];

    const key = `${method.toUpperCase()} ${pathTemplate} ${status}`;
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = ajv.compile(adaptOpenApiSchema(inlineRefs(schema as Json, (doc.components?.schemas ?? {}) as JsonObject)) as Schema);
      compiled.set(key, validate);
    }
    if (!validate || validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? '' : ` ${JSON.stringify(e.params)}`}`,
    );
  };
}
