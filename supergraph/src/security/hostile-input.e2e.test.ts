import 'reflect-metadata';
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import type { HttpResult, TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import type { GatewayService } from '../gateway/service';
import { startHostileTarget, type Credentials } from './hostile-target';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/** One test per edge control, against the gateway as production configures it (the corpus is in hostile-corpus.e2e). */
describe('hostile input at the edge', () => {
  let p: TestPlatform;
  let prod: GatewayService;
  let creds: Credentials;

  const prodCall = <T = Gql>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> =>
    exactCall<T>(prod.http.url, method, path, body, headers);
  const prodGraphql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = creds.secret) =>
    prodCall('POST', '/graphql', { query, variables }, headers);
  const codesOf = (r: HttpResult<Gql>) => (r.body.errors ?? []).map((e) => e.extensions?.['code']);

  before(async () => {
    ({ platform: p, prod, creds } = await startHostileTarget('hostile-input'));
  });
  after(async () => {
    await p?.stop();
  });

  it('depth limit: a query nested past 10 levels is refused in validation', async () => {
    const ok = await prodGraphql(`{ contacts(first: 1) { edges { node { addresses { id } } } } }`);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body.errors, undefined);
    const tooDeep = await prodGraphql(`{ contacts { ${'edges { node { '.repeat(5)} id ${'} } '.repeat(5)} } }`);
    assert.equal(tooDeep.status, 400, tooDeep.text);
    assert.ok(
      tooDeep.body.errors?.some((e) => /depth limit of 10/i.test(e.message)),
      tooDeep.text,
    );
  });

  it('alias limit: more than 15 aliases are refused, 15 pass', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: contact(id: "c${i}") { id }`).join(' ')} }`;
    assert.equal((await prodGraphql(aliases(15))).status, 200);
    const flood = await prodGraphql(aliases(16));
    assert.equal(flood.status, 400, flood.text);
    assert.match(flood.body.errors![0]!.message, /aliases limit of 15/i);
    const loginFlood = await prodGraphql(
      `mutation { ${Array.from({ length: 50 }, (_, i) => `l${i}: authenticateUser(input: { username: "a", password: "b${i}" }) { errors { code } }`).join(' ')} }`,
      {},
      creds.public,
    );
    assert.equal(loginFlood.status, 400, 'an alias brute force on sign-in never reaches the resolver');
  });

  it('one root mutation per name: a mutation field selected twice (aliases, inline fragments, fragment spreads) is refused', async () => {
    const two = (first: string, second: string) =>
      prodGraphql(
        `mutation { ${first} ${second} }`.replace(
          /LOGIN/g,
          'authenticateUser(input: { username: "owner@hostile.example", password: "x" }) { errors { code } }',
        ),
        {},
        creds.public,
      );
    for (const r of [
      await two('a: LOGIN', 'b: LOGIN'),
      await two('LOGIN', '... on Mutation { again: LOGIN }'),
      await two('a: LOGIN', '...F } fragment F on Mutation { b: LOGIN'),
    ]) {
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.errors![0]!.message, /"authenticateUser" may be selected only once per operation/);
    }
  });

  it('token limit: a document over 2000 tokens is refused as a parse failure (400), and a syntax error is a 400, not a 500', async () => {
    const fields = (n: number) => `{ ${Array.from({ length: n }, () => '__typename').join(' ')} }`;
    assert.equal((await prodGraphql(fields(1_900))).status, 200);
    const flood = await prodGraphql(fields(2_100));
    assert.equal(flood.status, 400, flood.text);
    assert.deepEqual(codesOf(flood), ['GRAPHQL_PARSE_FAILED']);
    assert.match(flood.body.errors![0]!.message, /more tha[nt] 2000 tokens/); // graphql-js spells it "more that"
    const syntax = await prodGraphql('{ contacts { ');
    assert.equal(syntax.status, 400, syntax.text);
    assert.deepEqual(codesOf(syntax), ['GRAPHQL_PARSE_FAILED']);
    assert.equal(typeof syntax.body.errors![0]!.extensions?.['correlationId'], 'string');
  });

  it('cost limit: an operation costing more than 5000 is refused before any resolver runs', async () => {
    const page = (alias: string) =>
      `${alias}: contacts(first: 100) { nodes { id code displayName firstName lastName email tags createdAt updatedAt version } }`;
    assert.equal((await prodGraphql(`{ ${page('a')} }`)).status, 200);
    const costly = await prodGraphql(`{ ${['a', 'b', 'c', 'd'].map(page).join(' ')} }`);
    assert.equal(costly.status, 400, costly.text);
    assert.match(costly.body.errors![0]!.message, /Cost limit of 5000 exceeded/);
  });

  it('directive limit: more than 50 directives are refused', async () => {
    const withDirectives = (n: number) => `{ __typename ${'@include(if: true) '.repeat(n)}}`;
    const many = await prodGraphql(withDirectives(51));
    assert.equal(many.status, 400, many.text);
    assert.ok(
      many.body.errors?.some((e) => /directives limit of 50/i.test(e.message)),
      many.text,
    );
  });

  it('batching: an array of operations is refused with 400 and nothing runs', async () => {
    const op = { query: `mutation { createContact(input: { type: PERSON, firstName: "Batch" }) { errors { code } } }` };
    const batch = await prodCall('POST', '/graphql', [op, op], creds.secret);
    assert.equal(batch.status, 400, batch.text);
    assert.match(JSON.stringify(batch.body), /batch/i);
    const list = await prodGraphql(`{ contacts(filter: { search: "Batch" }) { totalCount nodes { id } } }`);
    assert.equal(list.body.data?.['contacts'].nodes.length, 0, 'no batched mutation ran');
  });

  it('CSRF prevention: simple requests (GET, text/plain, form, multipart) are refused; JSON POST and preflighted GET are served', async () => {
    const q = encodeURIComponent('{ __typename }');
    const refused = [
      await prodCall('GET', `/graphql?query=${q}`, undefined, creds.secret),
      await prodCall('POST', '/graphql', JSON.stringify({ query: '{ __typename }' }), { ...creds.secret, 'content-type': 'text/plain' }),
      await prodCall('POST', '/graphql', `query=${q}`, { ...creds.secret, 'content-type': 'application/x-www-form-urlencoded' }),
      await prodCall('POST', '/graphql', '--x\r\n\r\n--x--', { ...creds.secret, 'content-type': 'multipart/form-data; boundary=x' }),
    ];
    for (const r of refused) {
      assert.equal(r.status, 400, r.text);
      assert.match(r.text, /Cross-Site Request Forgery/);
    }
    assert.equal((await prodCall('POST', '/graphql', { query: '{ __typename }' }, creds.secret)).status, 200);
    const preflighted = await prodCall('GET', `/graphql?query=${q}`, undefined, { ...creds.secret, 'apollo-require-preflight': '1' });
    assert.equal(preflighted.status, 200, preflighted.text);
    assert.deepEqual(preflighted.body.data, { __typename: 'Query' });
  });

  it('GET mutations: refused with 405 and never executed', async () => {
    const m = encodeURIComponent(`mutation { createContact(input: { type: PERSON, firstName: "ViaGet" }) { errors { code } } }`);
    const r = await prodCall('GET', `/graphql?query=${m}`, undefined, { ...creds.secret, 'apollo-require-preflight': '1' });
    assert.equal(r.status, 405, r.text);
    const list = await prodGraphql(`{ contacts(filter: { search: "ViaGet" }) { totalCount nodes { id } } }`);
    assert.equal(list.body.data?.['contacts'].nodes.length, 0);
  });

  it('introspection: off with production config (INTROSPECTION_DISABLED), on in development', async () => {
    const anonymous = await prodGraphql(getIntrospectionQuery(), {}, creds.anonymous);
    assert.equal(anonymous.status, 401, 'without credentials nothing is answered at all');
    for (const headers of [creds.secret, creds.bearer]) {
      const r = await prodGraphql(getIntrospectionQuery(), {}, headers);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.data, undefined);
      assert.ok(
        r.body.errors?.some((e) => /introspection/i.test(e.message)),
        r.text,
      );
    }
    const typeProbe = await prodGraphql(`{ __type(name: "Contact") { fields { name } } }`);
    assert.equal(typeProbe.status, 400, typeProbe.text);
    const dev = await p.graphql<Gql>(`{ __schema { queryType { name } } }`);
    assert.deepEqual(dev.body.data, { __schema: { queryType: { name: 'Query' } } }, 'the development gateway still serves introspection');
  });

  it('field suggestions: no "Did you mean" with production config, whatever the misspelling', async () => {
    const probes = [
      `{ contact(id: "x") { displayNam } }`,
      `{ contactz { totalCount } }`,
      `{ contacts(frist: 1) { totalCount } }`,
      `{ contacts(sort: { field: CREATED }) { totalCount } }`,
      `mutation { createContakt { id } }`,
    ];
    for (const q of probes) {
      const r = await prodGraphql(q);
      assert.equal(r.status, 400, r.text);
      assert.ok(r.body.errors?.length, r.text);
      assert.doesNotMatch(r.text, /did you mean/i, q);
    }
    const dev = await p.graphql<Gql>(`{ contact(id: "x") { displayNam } }`);
    assert.match(dev.text, /Did you mean/, 'development keeps suggestions (so this test can fail)');
  });

  it('masked errors: an unexpected failure is "An unexpected error occurred" with code INTERNAL and the response\'s correlation id, no internals', async () => {
    // a subgraph that answers garbage: a failure nobody planned for
    const garbage = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": <html>internal stack at /srv/app.js:12</html>');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/graphql`;
    try {
      const broken = await p.startGateway({ NODE_ENV: 'production' }, { 'contacts-read': garbageUrl });
      const r = await exactCall<Gql>(
        broken.http.url,
        'POST',
        '/graphql',
        { query: `{ contacts(first: 1) { totalCount } }` },
        { ...creds.secret, 'x-correlation-id': 'hostile-corr-1' },
      );
      assert.ok(r.status < 600);
      const e = r.body.errors?.[0];
      assert.equal(e?.message, 'An unexpected error occurred', r.text);
      assert.equal(e?.extensions?.['code'], 'INTERNAL');
      assert.equal(e?.extensions?.['correlationId'], 'hostile-corr-1');
      assert.equal(r.headers.get('x-correlation-id'), 'hostile-corr-1');
      assert.doesNotMatch(r.text, /127\.0\.0\.1|html|\/srv|contacts-read|stack|\.js:/);
      const rest = await exactCall(broken.http.url, 'GET', '/backoffice/v2/contacts', undefined, {
        ...creds.secret,
        'x-correlation-id': 'hostile-corr-2',
      });
      assert.equal(rest.status, 500, rest.text);
      assert.equal((rest.body as { correlation_id?: string }).correlation_id, 'hostile-corr-2');
      assert.doesNotMatch(rest.text, /127\.0\.0\.1|html|\/srv|contacts-read|\.js:/);
    } finally {
      garbage.close();
    }
  });

  it('an unreachable subgraph is a masked, retryable UNAVAILABLE (GraphQL) / 503 (REST) with the correlation id', async () => {
    const broken = await p.startGateway({ NODE_ENV: 'production' }, { 'contacts-read': 'http://127.0.0.1:1/graphql' });
    const r = await exactCall<Gql>(
      broken.http.url,
      'POST',
      '/graphql',
      { query: `{ contacts(first: 1) { totalCount } }` },
      { ...creds.secret, 'x-correlation-id': 'hostile-corr-3' },
    );
    const e = r.body.errors?.[0];
    assert.deepEqual([e?.extensions?.['code'], e?.extensions?.['correlationId']], ['UNAVAILABLE', 'hostile-corr-3'], r.text);
    assert.doesNotMatch(r.text, /127\.0\.0\.1|ECONNREFUSED|contacts-read|stack|\.js:/);
    const rest = await exactCall(broken.http.url, 'GET', '/backoffice/v2/contacts', undefined, {
      ...creds.secret,
      'x-correlation-id': 'hostile-corr-4',
    });
    assert.equal(rest.status, 503, rest.text);
    assert.equal((rest.body as { correlation_id?: string }).correlation_id, 'hostile-corr-4');
    assert.doesNotMatch(rest.text, /127\.0\.0\.1|ECONNREFUSED|contacts-read|\.js:/);
  });

  it('client mistakes the gateway used to fail on are 4xx client errors, not INTERNAL: unknown operationName, subscriptions, NUL characters, malformed custom scalars, bad persisted-query hashes', async () => {
    const cases: [string, Promise<HttpResult<Gql>>, number, string][] = [
      [
        'unknown operationName',
        prodCall('POST', '/graphql', { query: 'query A { __typename }', operationName: 'B' }, creds.secret),
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      ['subscription', prodGraphql('subscription { __typename }'), 400, 'BAD_REQUEST'],
      ['NUL in a literal', prodGraphql('{ contact(id: "a\\u0000b") { id } }'), 400, 'BAD_USER_INPUT'],
      ['NUL in a variable', prodGraphql('query($id: ID!) { contact(id: $id) { id } }', { id: 'a\u0000b' }), 400, 'BAD_USER_INPUT'],
      [
        'bad persisted-query hash',
        prodCall(
          'POST',
          '/graphql',
          { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'deadbeef' } } },
          creds.secret,
        ),
        400,
        'BAD_REQUEST',
      ],
    ];
    for (const [what, pending, status, code] of cases) {
      const r = await pending;
      assert.equal(r.status, status, `${what}: ${r.text}`);
      assert.equal(r.body.errors?.[0]?.extensions?.['code'], code, `${what}: ${r.text}`);
      assert.equal(typeof r.body.errors?.[0]?.extensions?.['correlationId'], 'string');
    }
    const scalar = await prodGraphql('{ contacts(filter: { createdFrom: "yesterday" }) { totalCount } }');
    const code = scalar.body.errors?.[0]?.extensions?.['code'];
    assert.ok(code !== 'INTERNAL' && typeof code === 'string', `a malformed DateTimeISO is the client's error: ${scalar.text}`);
    assert.match(scalar.body.errors![0]!.message, /DateTimeISO|date/i);
  });

  it('graphql-http audit: every MUST passes against a production gateway', async (t: TestContext) => {
    // the audits query __type, so this production gateway serves introspection (GRAPHQL_INTROSPECTION=true)
    const audited = await p.startGateway({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    const url = `${audited.http.url}/graphql`;
    const audits = serverAudits({
      url,
      fetchFn: (input: string | URL | Request, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('api_key', creds.secret['api_key']!);
        return fetch(input, { ...init, headers });
      },
    });
    const failed: string[] = [];
    const warned: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status === 'ok') continue;
      const line = `${audit.id} ${audit.name}: ${result.reason} (status ${result.response.status})`;
      if (audit.name.startsWith('MUST') || result.status === 'error') failed.push(line);
      else warned.push(`${result.status} ${line}`);
    }
    t.diagnostic(`graphql-http: ${audits.length} audits, ${failed.length} MUST failures, ${warned.length} SHOULD/MAY not met`);
    for (const w of warned) t.diagnostic(w);
    assert.deepEqual(failed, []);
  });
});
