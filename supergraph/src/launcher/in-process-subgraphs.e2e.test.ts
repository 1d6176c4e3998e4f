import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { HttpService } from '@crm/platform/http';
import { serviceRegistry } from '@crm/platform/registry';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

// `npm start` runs the subgraphs in the gateway's process: the gateway calls them without the
// HTTP hop, carrying what the HTTP call carries (principal, tenant, consistency tokens, trace
// context; freshness back), while their HTTP endpoints stay up for everyone else.

type Gql = { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

const CREATE = `mutation Create($input: CreateContactInput!) { createContact(input: $input) { contact { id } consistencyToken errors { code } } }`;
const READ = `query Read($id: ID!) { contact(id: $id) { id firstName } }`;

describe('in-process subgraphs: the gateway beside them calls them without the HTTP hop', () => {
  let p: TestPlatform;
  const raw: string[] = [];
  /** Requests each subgraph's HTTP server received, by subgraph. */
  const overHttp = new Map<string, number>();

  before(async () => {
    p = await startTestPlatform('in-process', {}, { logLevel: 'info', logDestination: { write: (s: string) => void raw.push(s.trimEnd()) } });
    for (const [name, service] of p.services) {
      const http = service.http as HttpService | null | undefined;
      overHttp.set(name, 0);
      http?.server.on('request', () => overHttp.set(name, overHttp.get(name)! + 1));
    }
  });
  after(async () => {
    await p?.stop();
  });

  it('serves mutations and token-carrying reads with freshness, and no subgraph socket sees a request', async () => {
    const traceId = randomBytes(16).toString('hex');
    const created = await p.graphql<Gql>(
      CREATE,
      { input: { type: 'PERSON', firstName: 'Local' } },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    assert.equal(created.status, 200, created.text);
    const payload = created.body.data?.['createContact'];
    assert.deepEqual(payload?.errors, [], created.text);
    const read = await p.graphql<Gql>(READ, { id: payload.contact.id }, { 'x-consistency-token': payload.consistencyToken });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.data?.['contact']?.firstName, 'Local', 'the consistency token reached the read side');
    assert.equal(read.body.extensions?.['freshness']?.consistent, true, 'freshness came back from the read side');
    assert.equal(read.headers.get('x-projection-lag-ms'), String(read.body.extensions?.['freshness']?.lagMs));

    const user = await p.graphql<Gql>(`mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } consistencyToken errors { code } } }`, {
      i: { email: 'local@example.com', password: 'Local-Password-12345', firstName: 'Local', roleIds: [] },
    });
    const made = user.body.data?.['createUser'];
    assert.deepEqual(made?.errors, [], user.text);
    const seen = await p.graphql<Gql>(
      `query($id: ID!) { user(id: $id) { firstName } }`,
      { id: made.user.id },
      { 'x-consistency-token': made.consistencyToken },
    );
    assert.equal(seen.body.data?.['user']?.firstName, 'Local', seen.text);

    // the write subgraph's own access-log line: its tenant and the client's trace, as over HTTP
    const subgraphLine = raw
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l['msg'] === 'request' && l['service'] === 'contacts-write' && l['traceId'] === traceId);
    assert.ok(subgraphLine, 'contacts-write logged the call under the trace the client started');
    assert.equal(subgraphLine['tenantId'], p.tenant);
    assert.equal(subgraphLine['principalKind'], 'user');
    assert.equal(subgraphLine['route'], '/graphql');

    for (const entry of serviceRegistry().services) assert.equal(overHttp.get(entry.name), 0, `${entry.name} was called over HTTP`);
  });

  it("passes a subgraph's refusal of a malformed argument on as the client's error, as over HTTP", async () => {
    const r = await p.graphql<Gql>('{ contacts(filter: { createdFrom: "yesterday" }) { totalCount } }');
    const code = r.body.errors?.[0]?.extensions?.['code'];
    assert.ok(typeof code === 'string' && code !== 'INTERNAL', r.text);
    assert.match(r.body.errors![0]!.message, /DateTimeISO|date/i);
  });

  it('keeps every subgraph HTTP endpoint up: a direct call without the gateway signature is refused, a gateway over HTTP is served', async () => {
    for (const [name, service] of p.services) {
      const url = service.http?.url;
      if (!url) continue;
      const direct = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      assert.equal(direct.status, 401, `${name}: ${await direct.text()}`);
    }
    const before = overHttp.get('contacts-write')!;
    const remote = await p.startGateway({});
    const res = await fetch(`${remote.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-tenant': p.tenant },
      body: JSON.stringify({ query: CREATE, variables: { input: { type: 'PERSON', firstName: 'Remote' } } }),
    });
    const body = (await res.json()) as Gql;
    assert.deepEqual(body.data?.['createContact']?.errors, [], JSON.stringify(body));
    assert.ok(overHttp.get('contacts-write')! > before, 'the second gateway reached contacts-write over HTTP');
  });
});
