import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { eventually } from '../testing/eventually';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id version firstName } consistencyToken errors { code field message } } }`;
const UPDATE_USER = `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { user { id version firstName } consistencyToken errors { code message } } }`;
const CREATE_ROLE = `mutation($n: String!) { createRole(input: { name: $n, permissions: ["contacts.read"] }) { role { id version } consistencyToken errors { code message } } }`;
const GET_USER = `query($id: ID!) { user(id: $id) { id firstName } }`;

// Read-your-writes and freshness for the identity read subgraph, through the gateway.
describe('identity read side: consistency tokens and freshness through the gateway', () => {
  let p: TestPlatform;
  let userId: string;
  let firstToken: string;

  before(async () => {
    p = await startTestPlatform('identity-ryw');
    const created = await p.graphql<Gql>(CREATE_USER, {
      i: { email: 'ryw@example.com', password: 'Ryw-Password-12345', firstName: 'First', roleIds: [] },
    });
    const payload = created.body.data?.['createUser'];
    assert.deepEqual(payload?.errors, [], created.text);
    userId = payload.user.id;
    firstToken = payload.consistencyToken;
  });
  after(async () => {
    await p?.stop();
  });

  const getUser = (token?: string) => p.graphql<Gql>(GET_USER, { id: userId }, token ? { 'x-consistency-token': token } : {});

  it('mutations return a token naming the aggregate and version; a query sending it sees the write', async () => {
    assert.equal(firstToken, `user:${userId}:1`);
    const r = await getUser(firstToken);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data?.['user']?.firstName, 'First');
    assert.equal(r.body.extensions?.['freshness']?.consistent, true);
    assert.match(r.headers.get('x-projection-lag-ms') ?? '', /^\d+$/);
  });

  it('a token-carrying query waits for a held-back projection instead of answering stale data', async () => {
    // hold the projector back: it cannot record any applied version while this lock is held
    const runner = p.identityRead.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let released = false;
    try {
      await runner.query('LOCK TABLE applied_versions IN EXCLUSIVE MODE');
      const updated = await p.graphql<Gql>(UPDATE_USER, { id: userId, i: { firstName: 'Second' } });
      const token = updated.body.data?.['updateUser']?.consistencyToken as string;
      assert.equal(token, `user:${userId}:2`, updated.text);

      // wait (on the condition) until the read side knows of the held event, then read without a token
      await eventually('the projector to have fetched the held event', async () => p.identityRead.lag() > 0);
      const stale = await getUser();
      assert.equal(stale.status, 200, stale.text);
      assert.equal(
        stale.body.data?.['user']?.firstName,
        'First',
        `without a token the read model answers what it has (the projection is held): ${stale.text}`,
      );
      const f = stale.body.extensions?.['freshness'];
      assert.ok(f, 'a stale read still says how fresh it is');
      assert.equal(f.consistent, false, `a read missing an event the read side knows of is not consistent: ${stale.text}`);
      assert.ok(f.pendingEvents >= 1 && f.lagMs > 0, `it reports the pending event and a lag above 0: ${stale.text}`);
      assert.equal(stale.headers.get('x-projection-lag-ms'), String(f.lagMs));

      let answered = false;
      const fresh = getUser(token).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(answered, false, 'the token-carrying query is waiting for version 2');
      await runner.commitTransaction();
      released = true;
      const r = await fresh;
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.data?.['user']?.firstName, 'Second');
      assert.equal(r.body.extensions?.['freshness']?.consistent, true);
    } finally {
      if (!released) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  });

  it('20 write-then-read rounds with the token: every read shows its write', async () => {
    let stale = 0;
    for (let i = 0; i < 20; i++) {
      const updated = await p.graphql<Gql>(UPDATE_USER, { id: userId, i: { firstName: `Round${i}` } });
      const token = updated.body.data?.['updateUser']?.consistencyToken as string;
      const [withToken, without] = await Promise.all([getUser(token), getUser()]);
      assert.equal(withToken.body.data?.['user']?.firstName, `Round${i}`, `round ${i}`);
      if (without.body.data?.['user']?.firstName !== `Round${i}`) stale++;
    }
    console.log(`identity read-your-writes: 20/20 token reads fresh; ${stale}/20 reads without a token were stale`);
  });

  it('a role created a moment ago is listed by a query that sends its token', async () => {
    const created = await p.graphql<Gql>(CREATE_ROLE, { n: 'ryw-auditor' });
    const { role, consistencyToken } = created.body.data?.['createRole'] ?? {};
    assert.equal(consistencyToken, `role:${role.id}:1`, created.text);
    const r = await p.graphql<Gql>(`{ roles { id name } }`, {}, { 'x-consistency-token': consistencyToken });
    assert.ok(
      (r.body.data?.['roles'] as { id: string }[]).some((x) => x.id === role.id),
      r.text,
    );
    assert.equal(r.body.extensions?.['freshness']?.consistent, true);
  });

  it('every identity read query reports its freshness as an extension and a header', async () => {
    const queries = [
      '{ me { id } }',
      '{ users(first: 5) { id } }',
      `{ user(id: "${userId}") { id } }`,
      '{ roles { id } }',
      '{ apiKeys { id } }',
      '{ organisations { id } }',
    ];
    for (const q of queries) {
      const r = await p.graphql<Gql>(q);
      assert.equal(r.status, 200, `${q}: ${r.text}`);
      assert.equal(r.body.errors, undefined, `${q}: ${r.text}`);
      const f = r.body.extensions?.['freshness'];
      assert.equal(typeof f?.lagMs, 'number', `${q}: freshness extension`);
      assert.equal(f?.consistent, true, q);
      assert.equal(r.headers.get('x-projection-lag-ms'), String(f.lagMs), `${q}: header matches the extension`);
    }
  });
});
