import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { buildRestOpenApi, openApiPath } from './openapi';
import { restRoutes } from './routes';
import { allowedMethods } from './router';
import { createRestFacade } from './index';
import type { GraphQLCall, GraphQLResult } from './gateway-client';
import { sampleContact } from './contact.fixtures';

type Json = Record<string, any>;

const doc = buildRestOpenApi() as Json;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolvePointer(ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `only local refs are used: ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

/** A $ref'd parameter/response as its target. */
const deref = (node: Json): Json => (node['$ref'] ? (resolvePointer(node['$ref']) as Json) : node);

function operations(): [string, string, Json][] {
  return Object.entries(doc['paths'] as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([m]) => HTTP_METHODS.includes(m))
      .map(([m, op]) => [path, m, op as Json] as [string, string, Json]),
  );
}

function ajvWithDoc(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi.json');
  return ajv;
}

describe('REST OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with the title and the package version', () => {
    assert.equal(doc['openapi'], '3.1.0');
    assert.equal(doc['info'].title, 'CRM platform REST facade');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    assert.equal(doc['info'].version, pkg.version);
    assert.equal(typeof doc['paths'], 'object');
  });

  it('is deterministic', () => {
    assert.equal(JSON.stringify(buildRestOpenApi()), JSON.stringify(doc));
  });

  it('describes exactly the routes the router serves', () => {
    const served = restRoutes().flatMap((r) => allowedMethods(r).map((m) => `${m.toLowerCase()} ${openApiPath(r.pattern)}`));
    const documented = operations().map(([path, method]) => `${method} ${path}`);
    assert.deepEqual([...documented].sort(), [...served].sort());
    assert.ok(served.length >= 12);
  });

  it('resolves every $ref', () => {
    const refs = collectRefs(doc);
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.notEqual(resolvePointer(ref), undefined, `unresolved ${ref}`);
  });

  it('gives each operation a unique id, responses, and its path parameters', () => {
    const ids = new Set<string>();
    for (const [path, method, op] of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(typeof op['operationId'] === 'string' && !ids.has(op['operationId']), `${where}: operationId`);
      ids.add(op['operationId']);
      const statuses = Object.keys(op['responses'] ?? {});
      assert.ok(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${where}: a success response`,
      );
      for (const s of ['400', '401', '403', '429', '500']) assert.ok(statuses.includes(s), `${where}: ${s}`);
      if (op['requestBody']) for (const s of ['413', '415']) assert.ok(statuses.includes(s), `${where}: ${s}`);
      if (method === 'post') assert.ok(statuses.includes('201'), `${where}: 201`);
      for (const r of Object.values(op['responses'] as Json)) assert.equal(typeof deref(r as Json)['description'], 'string');

      const item = (doc['paths'] as Json)[path] as Json;
      const params = [...(item['parameters'] ?? []), ...(op['parameters'] ?? [])].map((p: Json) => deref(p));
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = params.filter((p) => p['in'] === 'path').map((p) => p['name']);
      assert.deepEqual(pathParams.sort(), templated.sort(), `${where}: path parameters`);
      for (const p of params) assert.ok(p['schema'], `${where}: ${p['name']} has a schema`);
      assert.ok(Array.isArray(op['security']) && op['security'].length > 0, `${where}: security`);
      for (const requirement of op['security'] as Json[]) {
        for (const scheme of Object.keys(requirement)) assert.ok(doc['components'].securitySchemes[scheme], `${where}: scheme ${scheme}`);
      }
    }
  });

  it('documents the facade headers and security schemes', () => {
    const post = (doc['paths'] as Json)['/backoffice/v2/contacts'].post as Json;
    assert.ok(post['parameters'].some((p: Json) => deref(p)['name'] === 'Idempotency-Key'));
    const get = (doc['paths'] as Json)['/backoffice/v2/contacts/{id}'].get as Json;
    assert.ok(get['parameters'].some((p: Json) => deref(p)['name'] === 'x-consistency-token'));
    const schemes = doc['components'].securitySchemes as Json;
    assert.deepEqual([schemes['api_key'].type, schemes['api_key'].in, schemes['api_key'].name], ['apiKey', 'header', 'api_key']);
    assert.deepEqual([schemes['bearer'].type, schemes['bearer'].scheme, schemes['bearer'].bearerFormat], ['http', 'bearer', 'JWT']);
    assert.equal(schemes['dev_tenant'].name, 'x-dev-tenant');
    assert.equal(schemes['dev_principal'].name, 'x-dev-principal');
  });

  it('list parameters carry the limits the facade enforces', () => {
    const list = (doc['paths'] as Json)['/backoffice/v2/contacts'].get as Json;
    const byName = Object.fromEntries((list['parameters'] as Json[]).map((p) => deref(p)).map((p) => [p['name'], p['schema']]));
    assert.deepEqual(byName['size'], { type: 'integer', minimum: 1, maximum: 100, default: 10 });
    assert.deepEqual(byName['order'].enum, ['ASC', 'DESC']);
    assert.equal(byName['sort'].default, 'CREATED_DATE');
    assert.equal(byName['include_total'].default, false);
  });

  it('every component schema is valid JSON Schema 2020-12 (Ajv compiles it, refs included)', () => {
    const ajv = ajvWithDoc();
    for (const name of Object.keys(doc['components'].schemas)) {
      assert.doesNotThrow(() => ajv.getSchema(`openapi.json#/components/schemas/${name}`), name);
      assert.ok(ajv.getSchema(`openapi.json#/components/schemas/${name}`), name);
    }
  });

  it('request schemas agree with the zod validation on sample bodies', () => {
    const ajv = ajvWithDoc();
    const create = ajv.getSchema('openapi.json#/components/schemas/BackOfficeContactCreateRequest')!;
    assert.equal(
      create({ contact_type: 'PERSON', first_name: 'Ann', phones: [{ phone_type: 'MOBILE', country_code: 'CYP', number: '99123456' }] }),
      true,
    );
    assert.equal(create({ contact_type: 'PERSON', shoe: 1 }), false, 'unknown field');
    assert.equal(create({ first_name: 'Ann' }), false, 'no type');
    assert.equal(create({ contact_type: 'PERSON', type: 'PERSON' }), false, 'both spellings');
    assert.equal(create({ contact_type: 'PERSON', email: 'a@b.co', email_address: 'a@b.co' }), false, 'both emails');
    const address = ajv.getSchema('openapi.json#/components/schemas/AddressRequest')!;
    assert.equal(address({ type: 'HOME', address_line_1: '1 Main St', country_code: 'CYP' }), true);
    assert.equal(address({ type: 'HOME', address_line_1: '1 Main St', country_code: 'XXX' }), false);
    assert.equal(address({ address_line_1: '1 Main St' }), false);
  });
});

/** Real facade responses (stub gateway) validate against the document. */
describe('REST OpenAPI document against the facade', () => {
  let server: Server;
  let base: string;
  let respond: (call: GraphQLCall) => GraphQLResult = () => ({ status: 200, body: { data: null }, headers: {} });
  const ajv = ajvWithDoc();
  const json = { 'content-type': 'application/json' };
  const contact = sampleContact();

  before(async () => {
    const handler = createRestFacade({
      client: { execute: async (call) => respond(call) },
      cache: new MemoryCache(),
      logger: pino({ level: 'silent' }),
    });
    server = createServer((req, res) => {
      res.setHeader('x-correlation-id', 'corr-1');
      void handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const payload = (field: string) => ({
    [field]: { contact: { id: contact.id }, address: { id: 'a1' }, consistencyToken: `contact:${contact.id}:4`, errors: [] },
  });
  const DATA: Record<string, unknown> = {
    RestGetContact: { contact },
    RestListContacts: { contacts: { nodes: [contact], pageInfo: { hasNextPage: false }, totalCount: 1 } },
    RestListContactAddresses: { contact: { id: contact.id, addresses: contact.addresses } },
    RestCreateContact: payload('createContact'),
    RestUpdateContact: payload('updateContact'),
    RestSetContactTags: payload('setContactTags'),
    RestUnregisterContact: { unregisterContact: { id: contact.id, consistencyToken: null, errors: [] } },
    RestAddContactAddress: payload('addContactAddress'),
    RestUpdateContactAddress: payload('updateContactAddress'),
    RestRemoveContactAddress: payload('removeContactAddress'),
  };

  async function check(method: string, template: string, path: string, body?: unknown): Promise<number> {
    const res = await fetch(`${base}${path}`, { method, headers: json, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    const op = (doc['paths'] as Json)[template]?.[method.toLowerCase()] as Json | undefined;
    assert.ok(op, `${method} ${template} is documented`);
    const response = op['responses'][String(res.status)] as Json | undefined;
    assert.ok(response, `${method} ${path}: status ${res.status} is documented (${text})`);
    const schema = deref(response)['content']?.['application/json']?.schema as Json | undefined;
    if (!schema) {
      assert.equal(text, '', `${method} ${path}: no body documented`);
      return res.status;
    }
    const validate = ajv.compile({ $ref: `openapi.json${schema['$ref']}` });
    assert.ok(validate(JSON.parse(text)), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)} ${text}`);
    return res.status;
  }

  it('success responses of every route', async () => {
    respond = (call) => ({ status: 200, body: { data: DATA[call.operationName ?? ''] as Record<string, unknown> }, headers: {} });
    const id = contact.id;
    assert.equal(await check('GET', '/backoffice/v2/contacts', '/backoffice/v2/contacts?include_total=true'), 200);
    assert.equal(await check('POST', '/backoffice/v2/contacts', '/backoffice/v2/contacts', { contact_type: 'PERSON', first_name: 'A' }), 201);
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`, { first_name: 'B' }), 200);
    assert.equal(await check('DELETE', '/backoffice/v2/contacts/{id}', `/backoffice/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/backoffice/v2/contacts/{id}/tags', `/backoffice/v2/contacts/${id}/tags`, { tags: ['vip'] }), 200);
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`), 200);
    assert.equal(await check('PUT', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`, { phone: { type: 'MOBILE' } }), 200);
    assert.equal(await check('DELETE', '/self-service/v2/contacts/{id}', `/self-service/v2/contacts/${id}`), 200);
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}/addresses', `/self-service/v2/contacts/${id}/addresses`), 200);
    const addresses = '/self-service/v2/contacts/{id}/addresses';
    assert.equal(await check('POST', addresses, `/self-service/v2/contacts/${id}/addresses`, { type: 'HOME', address_line_1: '1 Road' }), 201);
    assert.equal(
      await check('PUT', `${addresses}/{address_id}`, `/self-service/v2/contacts/${id}/addresses/a1`, { type: 'HOME', address_line_1: '1 Road' }),
      200,
    );
    assert.equal(await check('DELETE', `${addresses}/{address_id}`, `/self-service/v2/contacts/${id}/addresses/a1`), 200);
  });

  it('error responses', async () => {
    respond = () => ({ status: 200, body: { data: { contact: null } }, headers: {} });
    assert.equal(await check('GET', '/self-service/v2/contacts/{id}', '/self-service/v2/contacts/nobody'), 404);
    assert.equal(await check('GET', '/backoffice/v2/contacts', '/backoffice/v2/contacts?size=101'), 400);
    assert.equal(await check('POST', '/backoffice/v2/contacts', '/backoffice/v2/contacts', { contact_type: 'PERSON', shoe: 1 }), 400);
    respond = () => ({
      status: 429,
      body: { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] },
      headers: { 'retry-after': '3' },
    });
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', '/backoffice/v2/contacts/abc'), 429);
    respond = () => {
      throw new Error('down');
    };
    assert.equal(await check('GET', '/backoffice/v2/contacts/{id}', '/backoffice/v2/contacts/abc'), 503);
  });
});
