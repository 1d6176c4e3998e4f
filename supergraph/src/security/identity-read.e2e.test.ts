import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

/** The identity read side through the gateway: projected, tenant-scoped, keys masked. */
describe('identity read side', () => {
  let p: TestPlatform;
  let ownerA: Record<string, string>;
  let ownerB: Record<string, string>;
  let secretA: string;
  let publicA: string;
  let createdUserId: string;

  async function signIn(publicKey: string, email: string, password: string): Promise<Record<string, string>> {
    const r = await p.graphql<Gql>(
      `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } } }`,
      { u: email, p: password },
      { api_key: publicKey },
    );
    const token = r.body.data?.['authenticateUser']?.tokens?.accessToken as string | undefined;
    assert.ok(token, r.text);
    return { authorization: `Bearer ${token}` };
  }

  /** Polls (bounded) until `done` holds for the query's data. */
  async function until(query: string, headers: Record<string, string>, done: (data: any) => boolean): Promise<any> {
    let last = '';
    for (let i = 0; i < 100; i++) {
      const r = await p.graphql<Gql>(query, {}, headers);
      last = r.text;
      if (!r.body.errors && r.body.data && done(r.body.data)) return r.body.data;
      await sleep(50);
    }
    assert.fail(`projection not reached: ${last}`);
  }

  before(async () => {
    p = await startTestPlatform('identity-read');
    const a = await p.identityWrite.createTenant({
      name: 'A',
      ownerEmail: 'owner@ra.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'A',
    });
    const b = await p.identityWrite.createTenant({
      name: 'B',
      ownerEmail: 'owner@rb.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'B',
    });
    secretA = a.secretApiKey;
    publicA = a.publicApiKey;
    ownerA = await signIn(a.publicApiKey, 'owner@ra.example', 'Owner-Password-123');
    ownerB = await signIn(b.publicApiKey, 'owner@rb.example', 'Owner-Password-123');
    const roles = await until(`{ roles { id name } }`, ownerA, (d) => d.roles.length === 5);
    const agent = (roles.roles as { id: string; name: string }[]).find((r) => r.name === 'agent')!;
    const created = await p.graphql<Gql>(
      `mutation($r: [ID!]!) { createUser(input: { email: "agent@ra.example", password: "Agent-Password-123", firstName: "Ag", lastName: "Ent", roleIds: $r }) { user { id } errors { code } } }`,
      { r: [agent.id] },
      ownerA,
    );
    createdUserId = created.body.data?.['createUser']?.user?.id as string;
    assert.ok(createdUserId, created.text);
  });
  after(async () => p?.stop());

  it('lists the users of the tenant with their roles', async () => {
    const data = await until(`{ users(first: 10) { id email firstName lastName status roles { name } } }`, ownerA, (d) => d.users.length === 2);
    const agent = (data.users as any[]).find((u) => u.id === createdUserId);
    assert.deepEqual(agent, {
      id: createdUserId,
      email: 'agent@ra.example',
      firstName: 'Ag',
      lastName: 'Ent',
      status: 'ACTIVE',
      roles: [{ name: 'agent' }],
    });
    const one = await p.graphql<Gql>(`query($id: ID!) { user(id: $id) { email } }`, { id: createdUserId }, ownerA);
    assert.equal(one.body.data?.['user']?.email, 'agent@ra.example', one.text);
  });

  it('answers me for a signed-in user, null for a key', async () => {
    const me = await until(`{ me { email roles { name } } }`, ownerA, (d) => d.me !== null);
    assert.deepEqual(me.me, { email: 'owner@ra.example', roles: [{ name: 'owner' }] });
    const asKey = await p.graphql<Gql>(`{ me { id } }`, {}, { api_key: secretA });
    assert.equal(asKey.body.data?.['me'], null, asKey.text);
  });

  it('lists keys masked only, never a full key', async () => {
    const data = await until(`{ apiKeys { id kind prefix masked revoked } }`, ownerA, (d) => d.apiKeys.length === 2);
    const text = JSON.stringify(data);
    assert.ok(!text.includes(secretA) && !text.includes(publicA), text);
    for (const k of data.apiKeys as { masked: string; prefix: string }[]) {
      assert.ok(k.masked.startsWith(`${k.prefix}...`) && k.masked.length === k.prefix.length + 7, k.masked);
      assert.ok(!secretA.startsWith(k.masked) && !publicA.startsWith(k.masked));
    }
  });

  it('lists the organisations of the tenant', async () => {
    const data = await until(`{ organisations { type name } }`, ownerA, (d) => d.organisations.length === 1);
    assert.deepEqual(data.organisations, [{ type: 'BUSINESS', name: 'A' }]);
  });

  it("shows another tenant's owner none of them", async () => {
    await until(`{ users { id } }`, ownerB, (d) => d.users.length === 1);
    const r = await p.graphql<Gql>(
      `query($id: ID!) { users { email } user(id: $id) { id } apiKeys { id } roles { id } organisations { name } }`,
      { id: createdUserId },
      ownerB,
    );
    assert.equal(r.body.errors, undefined, r.text);
    assert.deepEqual(r.body.data?.['users'], [{ email: 'owner@rb.example' }]);
    assert.equal(r.body.data?.['user'], null);
    assert.ok(!r.text.includes('ra.example'), r.text);
    assert.deepEqual(r.body.data?.['organisations'], [{ name: 'B' }]);
    const idsA = JSON.stringify(await until(`{ roles { id } apiKeys { id } }`, ownerA, () => true));
    for (const x of [...(r.body.data?.['roles'] as { id: string }[]), ...(r.body.data?.['apiKeys'] as { id: string }[])])
      assert.ok(!idsA.includes(x.id));
  });

  it('an owner configures a sign-in provider through the gateway; identityProviders lists it without its secret, to security.manage only', async () => {
    const appSecret = 'fb-app-secret-0123456789abcdef';
    const configured = await p.graphql<Gql>(
      `mutation($i: ConfigureFacebookProviderInput!) { configureFacebookProvider(input: $i) { provider { kind type clientId hasSecret } errors { code field reason } } }`,
      { i: { appId: '424242', appSecret } },
      ownerA,
    );
    assert.deepEqual(
      configured.body.data?.['configureFacebookProvider'],
      { provider: { kind: 'FACEBOOK', type: 'facebook', clientId: '424242', hasSecret: true }, errors: [] },
      configured.text,
    );
    const query = `{ identityProviders { kind type clientId appId graphBaseUrl issuer redirectUris hasSecret } }`;
    const data = await until(query, ownerA, (d) => d.identityProviders.length === 1);
    assert.deepEqual(data.identityProviders, [
      {
        kind: 'FACEBOOK',
        type: 'facebook',
        clientId: '424242',
        appId: '424242',
        graphBaseUrl: 'https://graph.facebook.com/v19.0',
        issuer: null,
        redirectUris: [],
        hasSecret: true,
      },
    ]);
    assert.ok(!JSON.stringify(data).includes(appSecret));
    // an issuer that cannot be discovered is refused at once, as a user error on the field
    const undiscoverable = await p.graphql<Gql>(
      `mutation($i: ConfigureOidcProviderInput!) { configureOidcProvider(type: "corp", input: $i) { provider { id } errors { code field reason } } }`,
      { i: { issuer: 'https://idp.invalid', clientId: 'c', clientSecret: 's', redirectUris: ['https://app.example/cb'] } },
      ownerA,
    );
    assert.deepEqual(
      undiscoverable.body.data?.['configureOidcProvider'],
      { provider: null, errors: [{ code: 'VALIDATION', field: 'input.issuer', reason: 'ISSUER_NOT_DISCOVERABLE' }] },
      undiscoverable.text,
    );
    // another tenant sees none; a user without security.manage is refused
    const b = await p.graphql<Gql>(query, {}, ownerB);
    assert.deepEqual(b.body.data?.['identityProviders'], [], b.text);
    const agent = await signIn(publicA, 'agent@ra.example', 'Agent-Password-123');
    const refused = await p.graphql<Gql>(query, {}, agent);
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', refused.text);
  });
});
