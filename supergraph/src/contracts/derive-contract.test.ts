import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deriveContract, stableJson, stripSchema } from './derive-contract';
import { factorSchemas, inlineRefs, MIN_SHARED_SIZE, type JsonObject } from './factor-schemas';
import { SELF_SERVICE_CONTRACT } from './paths';

const countryCode = {
  type: 'string',
  description: 'ISO code',
  example: 'CYP',
  enum: Array.from({ length: 80 }, (_, i) => `C${String(i).padStart(2, '0')}`),
};

const published = {
  openapi: '3.0.3',
  info: { title: 'Self Service API', description: 'prose', version: 'v2', contact: { email: 'x@example.com' } },
  servers: [{ url: 'https://sandbox.example.com' }],
  tags: [{ name: 'Contact', description: 'Contact' }],
  paths: {
    '/self-service/v2/contacts/{id}': {
      get: {
        tags: ['Contact'],
        summary: 'Get contact',
        description: '<p>long prose</p>',
        operationId: 'com.crm.ContactSelfServiceResource_getSingle',
        parameters: [{ name: 'id', in: 'path', required: true, description: 'the id', example: 'abc', schema: { type: 'string', example: 'abc' } }],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                examples: { one: { value: {} } },
                schema: {
                  type: 'object',
                  description: 'A contact',
                  properties: {
                    description: { type: 'string', description: 'a property that is called description' },
                    example: { type: 'string', nullable: true },
                    country_code: countryCode,
                    address: { type: 'object', properties: { country_code: countryCode } },
                  },
                },
              },
            },
          },
          '404': { description: 'Not found' },
        },
        security: [{ authorization_self_service: [] }],
      },
    },
  },
  components: { securitySchemes: { authorization_self_service: { type: 'http', scheme: 'Bearer', description: 'token' } } },
};

describe('deriveContract', () => {
  const contract = deriveContract(published, { fileName: 'self-service.yaml', text: 'raw text' }) as JsonObject & {
    paths: Record<string, Record<string, JsonObject>>;
  };
  const op = contract.paths['/self-service/v2/contacts/{id}']!['get']!;

  it('keeps the facts of an operation and drops prose and samples', () => {
    assert.equal(op['operationId'], 'com.crm.ContactSelfServiceResource_getSingle');
    assert.deepEqual(op['tags'], ['Contact']);
    assert.deepEqual(op['security'], [{ authorization_self_service: [] }]);
    assert.deepEqual(op['parameters'], [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    assert.equal(op['summary'], undefined);
    assert.equal(op['description'], undefined);
    assert.deepEqual((op['responses'] as JsonObject)['404'], {});
    const components = contract['components'] as JsonObject;
    assert.deepEqual(components['securitySchemes'], { authorization_self_service: { type: 'http', scheme: 'Bearer' } });
    // the country code schema appears twice: shared once, without its description and example
    assert.deepEqual(components['schemas'], { country_code: { type: 'string', enum: countryCode.enum } });
    assert.deepEqual(contract['info'], { title: 'Self Service API', version: 'v2' });
    assert.equal(contract['servers'], undefined);
    assert.deepEqual(contract['tags'], ['Contact']);
    const text = stableJson(contract);
    for (const prose of ['long prose', 'Get contact', 'the id', 'a property that is called', 'ISO code', 'sandbox', 'x@example.com'])
      assert.ok(!text.includes(prose), prose);
  });

  it('leaves properties named like annotation keywords alone', () => {
    assert.deepEqual(
      stripSchema({
        type: 'object',
        description: 'x',
        properties: { description: { type: 'string', description: 'y' }, example: { type: 'string', example: 'z' } },
      }),
      {
        type: 'object',
        properties: { description: { type: 'string' }, example: { type: 'string' } },
      },
    );
  });

  it('records which published document it came from (name and hash, never a path)', () => {
    const derived = contract['x-derived'] as JsonObject;
    assert.equal(derived['from'], 'self-service.yaml');
    assert.match(String(derived['sha256']), /^[0-9a-f]{64}$/);
  });

  it('rejects a document that is not OpenAPI', () => {
    assert.throws(() => deriveContract({ swagger: '2.0' }, { fileName: 'x.yaml', text: '' }), /x\.yaml is not an OpenAPI document/);
  });
});

describe('factorSchemas', () => {
  const big = { type: 'string', enum: Array.from({ length: 60 }, (_, i) => `V${i}`) };
  assert.ok(JSON.stringify(big).length >= MIN_SHARED_SIZE);
  const schema = (extra: JsonObject) => ({ type: 'object', properties: { country_code: big, ...extra } });
  const paths: JsonObject = {
    '/a': {
      get: { operationId: 'x.A_get', responses: { '200': { content: { 'application/json': { schema: schema({ small: { type: 'string' } }) } } } } },
    },
    '/b': { post: { operationId: 'x.B_post', requestBody: { content: { 'application/json': { schema: schema({}) } } }, responses: {} } },
  };

  it('moves a repeated schema into components, named after where it first appears, and inlineRefs puts it back', () => {
    const { paths: factored, schemas } = factorSchemas(paths);
    assert.deepEqual(Object.keys(schemas), ['country_code']);
    assert.deepEqual(schemas['country_code'], big);
    const text = JSON.stringify(factored);
    assert.equal(text.split('#/components/schemas/country_code').length - 1, 2);
    assert.deepEqual(inlineRefs(factored, schemas), paths);
  });

  it('leaves small or unrepeated schemas inline', () => {
    const { schemas } = factorSchemas({ '/a': (paths['/a'] as JsonObject)! });
    assert.deepEqual(schemas, {});
  });
});

describe('stableJson', () => {
  it('sorts keys, puts scalar arrays on one line and reads back unchanged', () => {
    const value = { b: [3, 1, 2], a: { d: 'x:y,z', c: null }, long: { text: 'y'.repeat(120) } };
    const text = stableJson(value);
    assert.deepEqual(JSON.parse(text), value);
    assert.ok(text.indexOf('"a"') < text.indexOf('"b"'));
    assert.ok(text.includes('[3, 1, 2]'));
    assert.equal(stableJson(JSON.parse(text)), text);
  });
});

describe('the committed Self-Service contract', () => {
  it('is in the canonical format the derivation writes, with all 208 published operations', () => {
    const text = readFileSync(SELF_SERVICE_CONTRACT, 'utf8');
    const contract = JSON.parse(text) as { paths: Record<string, object> };
    assert.equal(stableJson(contract), text, 'the committed contract was edited by hand: re-run npm run contracts:derive');
    assert.equal(
      Object.values(contract.paths).reduce((n, item) => n + Object.keys(item).length, 0),
      208,
    );
  });
});
