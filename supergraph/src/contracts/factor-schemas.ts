/**
 * Moves schemas the contract repeats into `components.schemas` and refers to them with `$ref`
 * (the published document inlines everything: the list of country codes alone appears 61 times).
 * A subschema is shared when the same schema (keys sorted) occurs at least twice and is at least
 * MIN_SHARED_SIZE characters as compact JSON; a shared schema used only once after factoring (it
 * only ever appeared inside one bigger shared schema) is put back inline. Names come from where the
 * schema first appears (the property name, or the operation and status), made unique with `_2`,
 * `_3`… in order of first appearance. Pure and deterministic: walks paths, methods and keys in
 * sorted order.
 *
 * `inlineRefs` undoes it (the response validator inlines before compiling, so it sees exactly the
 * schemas of the published document, minus annotations).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const MIN_SHARED_SIZE = 200;
const REF_PREFIX = '#/components/schemas/';

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not', 'contains']);

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}

/** Calls `visit(schema, hint)` on every schema position of an operation, with a name hint. */
type SchemaMapper = (schema: Json, hint: string) => Json;

/** Rebuilds `schema` with `fn` applied to each direct subschema. */
function mapSubschemas(schema: Json, hint: string, fn: SchemaMapper): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, fn(sub, name)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => fn(sub, hint));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map((sub) => fn(sub, `${hint}_item`)) : fn(value, key === 'items' ? `${hint}_item` : hint);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function mapContent(media: Json, hint: string, fn: SchemaMapper): Json {
  if (!isObject(media)) return media;
  return Object.fromEntries(
    Object.entries(media).map(([type, m]) => [type, isObject(m) && m['schema'] !== undefined ? { ...m, schema: fn(m['schema'], hint) } : m]),
  );
}

/** Rebuilds a paths object with `fn` applied to every root schema (parameters, request and response bodies). */
function mapRootSchemas(paths: JsonObject, fn: SchemaMapper): JsonObject {
  const out: JsonObject = {};
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path]!;
    if (!isObject(item)) continue;
    const methods: JsonObject = {};
    for (const method of Object.keys(item).sort()) {
      const op = item[method]!;
      if (!isObject(op)) {
        methods[method] = op;
        continue;
      }
      const opHint = typeof op['operationId'] === 'string' ? op['operationId'].split('.').pop()! : `${method}${path}`;
      const next: JsonObject = { ...op };
      if (Array.isArray(op['parameters'])) {
        next['parameters'] = op['parameters'].map((p) =>
          isObject(p) && p['schema'] !== undefined ? { ...p, schema: fn(p['schema'], String(p['name'])) } : p,
        );
      }
      if (isObject(op['requestBody'])) {
        next['requestBody'] = { ...op['requestBody'], content: mapContent(op['requestBody']['content'] ?? null, `${opHint}_request`, fn) };
      }
      if (isObject(op['responses'])) {
        const responses = op['responses'];
        next['responses'] = Object.fromEntries(
          Object.keys(responses)
            .sort()
            .map((status) => {
              const r = responses[status]!;
              return [status, isObject(r) && r['content'] !== undefined ? { ...r, content: mapContent(r['content'], `${opHint}_${status}`, fn) } : r];
            }),
        );
      }
      methods[method] = next;
    }
    out[path] = methods;
  }
  return out;
}

const safeName = (hint: string): string => hint.replace(/[^A-Za-z0-9._-]/g, '_') || 'schema';

/** `paths` with repeated schemas replaced by `$ref`s, and the `components.schemas` they point to. */
export function factorSchemas(paths: JsonObject): { paths: JsonObject; schemas: JsonObject } {
  const sorted = sortKeys(paths) as JsonObject;

  // 1. how often each schema occurs, anywhere
  const counts = new Map<string, number>();
  const count: SchemaMapper = (schema, hint) => {
    const key = JSON.stringify(schema);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return mapSubschemas(schema, hint, count);
  };
  mapRootSchemas(sorted, count);

  // 2. replace shared schemas (outermost first) by references
  const nameOf = new Map<string, string>();
  const baseOf = new Map<string, string>();
  const bodies = new Map<string, Json>();
  const factor: SchemaMapper = (schema, hint) => {
    const key = JSON.stringify(schema);
    if (!isObject(schema) || key.length < MIN_SHARED_SIZE || (counts.get(key) ?? 0) < 2) return mapSubschemas(schema, hint, factor);
    let name = nameOf.get(key);
    if (name === undefined) {
      const base = safeName(hint);
      name = base;
      for (let n = 2; bodies.has(name); n++) name = `${base}_${n}`;
      nameOf.set(key, name);
      baseOf.set(name, base);
      bodies.set(name, null); // reserve the name before descending
      bodies.set(name, mapSubschemas(schema, hint, factor));
    }
    return { $ref: `${REF_PREFIX}${name}` };
  };
  const factored = mapRootSchemas(sorted, factor);

  // 3. put back inline what ended up referenced once
  const refs = new Map<string, number>();
  const countRefs = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(countRefs);
    else if (isObject(value)) {
      const ref = value['$ref'];
      if (typeof ref === 'string' && ref.startsWith(REF_PREFIX))
        refs.set(ref.slice(REF_PREFIX.length), (refs.get(ref.slice(REF_PREFIX.length)) ?? 0) + 1);
      Object.values(value).forEach(countRefs);
    }
  };
  countRefs(factored);
  for (const body of bodies.values()) countRefs(body);
  const single = new Set([...bodies.keys()].filter((name) => refs.get(name) === 1));
  const inline = Object.fromEntries([...single].map((name) => [name, bodies.get(name)!]));

  // 4. number the names that remain without gaps (first reserved, first numbered)
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of bodies.keys()) {
    if (single.has(name)) continue;
    const base = baseOf.get(name)!;
    let next = base;
    for (let n = 2; taken.has(next); n++) next = `${base}_${n}`;
    taken.add(next);
    renamed.set(name, next);
  }
  const finish = (value: Json): Json => renameRefs(inlineRefs(value, inline), renamed);
  const schemas: JsonObject = {};
  for (const [name, next] of [...renamed].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) schemas[next] = finish(bodies.get(name)!);
  return { paths: finish(factored) as JsonObject, schemas };
}

function renameRefs(value: Json, renamed: ReadonlyMap<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, renamed));
  if (!isObject(value)) return value;
  const ref = value['$ref'];
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX) && renamed.has(ref.slice(REF_PREFIX.length))) {
    return { ...value, $ref: `${REF_PREFIX}${renamed.get(ref.slice(REF_PREFIX.length))!}` };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameRefs(v, renamed)]));
}

/**
 * `value` with every `{ "$ref": "#/components/schemas/<name>" }` found in `schemas` replaced by
 * that schema (recursively). References to names not in `schemas` stay as they are.
 */
export function inlineRefs(value: Json, schemas: JsonObject): Json {
  if (Array.isArray(value)) return value.map((v) => inlineRefs(v, schemas));
  if (!isObject(value)) return value;
  const ref = value['$ref'];
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) {
    const name = ref.slice(REF_PREFIX.length);
    if (Object.prototype.hasOwnProperty.call(schemas, name)) return inlineRefs(schemas[name]!, schemas);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inlineRefs(v, schemas)]));
}
