import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse, validate } from 'graphql';
import { asksForSchema } from '../gateway/introspection-access';
import { EXAMPLE_OPERATIONS } from './examples';
import { DEVTOOLS_CSP, devtoolsHandler } from './handler';
import { familyOpenApi } from './docs-page';

/** The committed generated files (as the gateway's SUPERGRAPH_PATH finds them). */
const SUPERGRAPH_PATH = resolve(__dirname, '../../../schema/supergraph.graphql');

describe('playground saved operations', () => {
  const schema = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  for (const example of EXAMPLE_OPERATIONS) {
    it(`"${example.title}" is a valid operation of the composed supergraph`, () => {
      const errors = validate(schema, parse(example.query));
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
      );
    });
  }
});

describe('introspection detection', () => {
  it('finds __schema / __type anywhere, fragments included, and ignores __typename', () => {
    assert.equal(asksForSchema(parse('{ __schema { queryType { name } } }')), true);
    assert.equal(asksForSchema(parse('query { ...F } fragment F on Query { __type(name: "Contact") { name } }')), true);
    assert.equal(asksForSchema(parse('{ __typename contacts { totalCount } }')), false);
  });
});

describe('playground and /docs pages (HTTP)', () => {
  let server: Server;
  let base: string;
  const get = (path: string, accept = 'text/html') => fetch(`${base}${path}`, { headers: { accept } });

  before(async () => {
    const handle = devtoolsHandler({ playground: true, docs: true, production: false });
    server = createServer((req, res) => {
      if (!handle(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  for (const page of ['/graphql', '/docs']) {
    it(`${page}: every script and stylesheet comes from this origin and is served`, async () => {
      const r = await get(page);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-security-policy'), DEVTOOLS_CSP);
      const html = await r.text();
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(refs.length >= 3, html);
      for (const ref of refs) {
        assert.match(ref, /^\/(?!\/)/, `${ref} is not on this origin`);
        if (!ref.startsWith('/_devtools/')) continue;
        const asset = await get(ref, '*/*');
        assert.equal(asset.status, 200, ref);
        assert.match(asset.headers.get('content-type') ?? '', ref.endsWith('.css') ? /^text\/css/ : /^text\/javascript/, ref);
        assert.ok((await asset.arrayBuffer()).byteLength > 100, ref);
      }
    });
  }

  it('GraphQL clients doing a GET query, and unknown assets, are left to the gateway', async () => {
    assert.equal((await get('/graphql?query=%7B__typename%7D')).status, 404);
    assert.equal((await get('/graphql', 'application/json')).status, 404);
    assert.equal((await get('/_devtools/../package.json', '*/*')).status, 404);
    assert.equal((await get('/_devtools/constructor', '*/*')).status, 404);
  });

  it('the docs split the generated OpenAPI into its two families', async () => {
    const bo = (await (await get('/docs/openapi/backoffice.json', 'application/json')).json()) as { paths: Record<string, unknown> };
    const ss = (await (await get('/docs/openapi/self-service.json', 'application/json')).json()) as { paths: Record<string, unknown> };
    assert.ok(Object.keys(bo.paths).includes('/backoffice/v2/contacts'));
    assert.ok(Object.keys(ss.paths).includes('/self-service/v2/contacts/register'));
    assert.ok(Object.keys(bo.paths).every((p) => p.startsWith('/backoffice/v2/')));
    assert.ok(Object.keys(ss.paths).every((p) => p.startsWith('/self-service/v2/')));
    const generated = JSON.parse(readFileSync(SUPERGRAPH_PATH.replace(/supergraph\.graphql$/, 'rest/openapi.json'), 'utf8')) as { paths: object };
    assert.equal(Object.keys(bo.paths).length + Object.keys(ss.paths).length, Object.keys(generated.paths).length);
    assert.deepEqual(familyOpenApi('backoffice')['components'], (generated as Record<string, unknown>)['components']);
    assert.equal(familyOpenApi('self-service')['jsonSchemaDialect'], undefined, 'Swagger UI warns on a non-default dialect');
  });

  it('with both off nothing is served', async () => {
    const off = devtoolsHandler({ playground: false, docs: false, production: true });
    const req = { method: 'GET', url: '/docs', headers: { accept: 'text/html' } } as never;
    assert.equal(off(req, {} as never), false);
    assert.equal(off({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } } as never, {} as never), false);
    assert.equal(off({ method: 'GET', url: '/_devtools/graphiql.js', headers: {} } as never, {} as never), false);
  });
});
