import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { compileRoutes } from './kit/router';
import { buildOpenApi } from './kit/openapi';
import type { RestResource } from './kit/resource';
import { restResources, restRouteEntries, restRouteTable } from './routes';
import { createRestFacade, matchedRouteOf, type MatchedRoute } from './index';
import { seededRandom, shuffled } from '../testing/shuffle';
import { POLICY } from '../security/policy-table';

/** A concrete path for a template: every `:param` replaced by a value that is no literal anywhere. */
const concrete = (template: string) => template.replace(/:([A-Za-z_]+)/g, (_, name: string) => `v-${name}`);

/** The same resources in another order, each with its routes in another order. */
function reordered(resources: readonly RestResource[], random: () => number): RestResource[] {
  return shuffled(resources, random).map((r) => ({ ...r, routes: shuffled(r.routes, random) }));
}

describe('the facade route table', () => {
  const resources = restResources();

  it('matches every route (and every literal that collides with a parameter) the same in 30 shuffled registration orders', () => {
    const table = restRouteTable(resources);
    // every template with parameters filled in, plus each template as written (`/contacts/refresh` style literals)
    const probes = [...new Set(table.flatMap((r) => [concrete(r.path), r.path.replace(/:([A-Za-z_]+)/g, 'refresh')]))];
    const reference = compileRoutes(restRouteEntries(resources));
    const expected = probes.map((p) => reference.match(p)?.route.pattern ?? null);
    // each route's own concrete path finds that route
    for (const row of table) assert.equal(reference.match(concrete(row.path))?.route.pattern, row.path, row.path);
    assert.equal(reference.match('/self-service/v2/contacts/refresh')?.route.pattern, '/self-service/v2/contacts/refresh');
    assert.equal(reference.match('/backoffice/v2/users/authenticate')?.route.pattern, '/backoffice/v2/users/authenticate');
    const random = seededRandom(42);
    for (let round = 0; round < 30; round++) {
      const router = compileRoutes(restRouteEntries(reordered(resources, random)));
      assert.deepEqual(
        probes.map((p) => router.match(p)?.route.pattern ?? null),
        expected,
        `round ${round}`,
      );
    }
  });

  it('gives the same OpenAPI document and route table whatever the order of resources and routes', () => {
    const document = JSON.stringify(buildOpenApi(resources));
    const table = JSON.stringify(restRouteTable(resources));
    const random = seededRandom(7);
    for (let round = 0; round < 5; round++) {
      const other = reordered(resources, random);
      assert.equal(JSON.stringify(buildOpenApi(other)), document, `round ${round}`);
      assert.equal(JSON.stringify(restRouteTable(other)), table, `round ${round}`);
    }
  });

  it('refuses a resource that defines a route another resource already serves', () => {
    const [first] = resources;
    const copy: RestResource = { ...first!, name: 'copy', routes: [first!.routes[0]!] };
    assert.throws(() => compileRoutes(restRouteEntries([...resources, copy])), /defined twice/);
    assert.throws(() => buildOpenApi([...resources, copy]), /defined twice/);
  });

  it('lists every route with its family, resource, operationId and GraphQL operations', () => {
    const table = restRouteTable();
    const row = table.find((r) => r.method === 'PUT' && r.path === '/backoffice/v2/contacts/:id/tags');
    assert.deepEqual(row, {
      method: 'PUT',
      path: '/backoffice/v2/contacts/:id/tags',
      openApiPath: '/backoffice/v2/contacts/{id}/tags',
      family: 'backoffice',
      resource: 'contacts',
      operationId: 'setContactTagsBO',
      graphqlOperations: ['RestSetContactTags'],
      graphqlRootFields: ['Mutation.setContactTags'],
    });
    for (const r of table) {
      assert.ok(r.path.startsWith(`/${r.family}/v2/`), `${r.path} is under its family`);
      assert.ok(r.operationId, `${r.method} ${r.path} has an operationId`);
      assert.ok(r.graphqlOperations.length > 0, `${r.method} ${r.path} names its GraphQL operations`);
      for (const field of r.graphqlRootFields)
        assert.ok(field in POLICY || field === 'Query.__typename', `${field} of ${r.method} ${r.path} has an authorization policy`);
    }
    assert.equal(new Set(table.map((r) => r.operationId)).size, table.length, 'operationIds are unique');
  });

  it('tells the handler and the access log which template matched', async () => {
    let seen: MatchedRoute | undefined;
    let logged: MatchedRoute | undefined;
    const handler = createRestFacade({
      client: {
        async execute() {
          return { status: 200, body: { data: { setContactTags: { contact: { id: 'c1' }, consistencyToken: null, errors: [] } } }, headers: {} };
        },
      },
      cache: new MemoryCache(),
      logger: pino({ level: 'silent' }),
    });
    const server = createServer((req, res) => {
      res.on('finish', () => (logged = matchedRouteOf(req)));
      void handler(req, res).then(() => (seen = matchedRouteOf(req)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/backoffice/v2/contacts/C%2D1/tags`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tags: ['a'] }),
      });
      assert.equal(res.status, 200, await res.text());
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const expected = {
      method: 'PUT',
      path: '/backoffice/v2/contacts/:id/tags',
      family: 'backoffice',
      resource: 'contacts',
      operationId: 'setContactTagsBO',
    };
    assert.deepEqual(logged, expected);
    assert.deepEqual(seen, expected);
  });
});

describe('resource folders', () => {
  const families = ['backoffice', 'self-service'] as const;
  const folders = (family: string) => readdirSync(join(__dirname, family)).filter((name) => statSync(join(__dirname, family, name)).isDirectory());

  it('are all served (discovered by their family index), under their own name', () => {
    for (const family of families) {
      const listed = restResources()
        .filter((r) => r.family === family)
        .map((r) => r.name)
        .sort();
      assert.deepEqual(listed, folders(family).sort(), `${family}/index.ts serves every folder of ${family}/`);
    }
  });

  it('import only the kit and the shared domain code, never another resource folder', () => {
    for (const family of families) {
      for (const folder of folders(family)) {
        const dir = join(__dirname, family, folder);
        for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
          const source = readFileSync(join(dir, file), 'utf8');
          for (const [, spec] of source.matchAll(/require\("(\.[^"]+)"\)/g)) {
            const ok =
              spec!.startsWith('./') || /^\.\.\/\.\.\/(kit|domains)\//.test(spec!) || spec === '../../index' || spec!.startsWith('../../../testing/');
            assert.ok(ok, `${family}/${folder}/${file} imports ${spec}: share it through kit/ or domains/ instead`);
          }
        }
      }
    }
  });
});
