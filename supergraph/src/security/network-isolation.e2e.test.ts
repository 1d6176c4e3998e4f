import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import { eventually } from '../testing/eventually';

type Gql = { data?: any; errors?: { message: string }[] };
const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * Isolation of the platform settings and business network routes, with real credentials: tenant
 * B's owner, secret key and public key aimed at tenant A's applications, reference lists and
 * organisations find nothing and change nothing; a contact, a public key alone and a read-only
 * caller get no further than their role allows; bodies that try to set what the server owns
 * (ids, tenants, types, parents) are refused naming the field.
 */
describe('network isolation: applications, reference lists and the business network', () => {
  let p: TestPlatform;
  let a: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let b: { tenantId: string; publicApiKey: string; secretApiKey: string };
  const h = {} as Record<'ownerA' | 'ownerB' | 'secretB' | 'publicB' | 'publicA' | 'secretA' | 'contactA', Record<string, string>>;
  const ids = {} as Record<'app' | 'tag' | 'language' | 'merchant', string>;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<HttpResult<any>> =>
    exactCall<any>(p.url, method, path, body, headers);

  async function signIn(publicKey: string, email: string): Promise<Record<string, string>> {
    const r = await p.graphql<Gql>(
      `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } } }`,
      { u: email, p: PASSWORD },
      { api_key: publicKey },
    );
    return { authorization: `Bearer ${r.body.data?.['authenticateUser'].tokens.accessToken as string}` };
  }

  /** What tenant A's owner sees of its own objects (to prove nothing changed). */
  async function snapshotA(): Promise<string> {
    const parts = await Promise.all([
      call('GET', `${BO}/applications/${ids.app}`, h.ownerA),
      call('GET', `${BO}/tags/${ids.tag}`, h.ownerA),
      call('GET', `${BO}/organisations/${ids.merchant}/profile`, h.ownerA),
    ]);
    parts.forEach((r) => assert.equal(r.status, 200, r.text));
    return JSON.stringify(parts.map((r) => r.body));
  }

  before(async () => {
    p = await startTestPlatform('network-isolation');
    a = await p.identityWrite.createTenant({ name: 'Iso A', ownerEmail: 'owner@iso-a.example', ownerPassword: PASSWORD, applicationName: 'Iso A' });
    b = await p.identityWrite.createTenant({ name: 'Iso B', ownerEmail: 'owner@iso-b.example', ownerPassword: PASSWORD, applicationName: 'Iso B' });
    h.ownerA = await signIn(a.publicApiKey, 'owner@iso-a.example');
    h.ownerB = await signIn(b.publicApiKey, 'owner@iso-b.example');
    h.secretA = { api_key: a.secretApiKey };
    h.secretB = { api_key: b.secretApiKey };
    h.publicA = { api_key: a.publicApiKey };
    h.publicB = { api_key: b.publicApiKey };
    const reg = await p.graphql<Gql>(
      `mutation { registerContact(input: { firstName: "Iso", lastName: "Contact", provider: EMAIL, email: "c@iso-a.example", password: "Contact-Password-1" }) { tokens { accessToken } } }`,
      {},
      h.publicA,
    );
    h.contactA = { ...h.publicA, authorization: `Bearer ${reg.body.data?.['registerContact'].tokens.accessToken as string}` };

    const app = await call('POST', `${BO}/applications`, h.ownerA, { platform_app_id: 'com.iso.a', name: 'Iso A app', type: 'WEB' });
    assert.equal(app.status, 201, app.text);
    ids.app = app.body.id;
    const tag = await call('POST', `${BO}/tags`, h.ownerA, { entity: 'ORGANISATIONS', name: 'Secret menu' });
    assert.equal(tag.status, 201, tag.text);
    ids.tag = tag.body.id;
    const language = await call('POST', `${BO}/languages`, h.ownerA, { language_code: 'EN' });
    assert.equal(language.status, 201, language.text);
    ids.language = language.body.id;
    const merchant = await call('POST', `${BO}/organisations`, h.ownerA, {
      parent_id: a.tenantId,
      type: 'MERCHANT',
      name: 'Iso Merchant',
      tags: ['Secret menu'],
      addresses: [{ address_line_1: '1 Iso St', town_city: 'Isoville', postal_code: '1', country_code: 'CYP', lat: 35, lon: 33 }],
    });
    assert.equal(merchant.status, 201, merchant.text);
    ids.merchant = merchant.body.id;
    // the tenant's own readers see everything once projected
    await eventually('tenant A projected', async () => {
      const [apps, orgs, langs] = await Promise.all([
        call('GET', `${SS}/applications?platform_app_id=com.iso.a`, h.publicA),
        call('GET', `${SS}/organisations/${ids.merchant}`, h.contactA),
        call('GET', `${SS}/languages`, h.contactA),
      ]);
      return apps.status === 200 && orgs.status === 200 && langs.status === 200 && langs.body.content.length === 1;
    });
  });
  after(async () => {
    await p?.stop();
  });

  it("tenant B's owner, secret key and public key read nothing of tenant A", async () => {
    for (const [who, headers] of [
      ['ownerB', h.ownerB],
      ['secretB', h.secretB],
    ] as const) {
      for (const path of [
        `${BO}/applications/${ids.app}`,
        `${BO}/tags/${ids.tag}`,
        `${BO}/languages/${ids.language}`,
        `${BO}/organisations/${ids.merchant}/profile`,
      ]) {
        assert.equal((await call('GET', path, headers)).status, 404, `${who} GET ${path}`);
      }
      for (const path of [`${BO}/applications`, `${BO}/tags`, `${BO}/languages`]) {
        const r = await call('GET', path, headers);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body.content, [], `${who} GET ${path}`);
      }
      const network = await call('GET', `${SS}/locations?lat=35&lon=33`, headers);
      assert.deepEqual(network.status === 200 ? network.body.content : [], [], `${who} locations`);
      const tags = await call('GET', `${SS}/tags?entity=ORGANISATIONS`, headers);
      assert.deepEqual(tags.status === 200 ? tags.body.content : [], [], `${who} tags`);
    }
    assert.equal((await call('GET', `${SS}/applications?platform_app_id=com.iso.a`, h.publicB)).status, 404);
    assert.equal((await call('GET', `${SS}/organisations/${ids.merchant}`, h.secretB)).status, 404);
    assert.equal((await call('GET', `${SS}/organisations/${ids.merchant}/network`, h.secretB)).status, 404);
  });

  it("tenant B's owner and secret key change nothing of tenant A (404), and cannot hang an organisation under A's", async () => {
    const before = await snapshotA();
    for (const headers of [h.ownerB, h.secretB]) {
      assert.equal(
        (await call('PUT', `${BO}/applications/${ids.app}`, headers, { platform_app_id: 'com.iso.a', name: 'Hijacked', type: 'WEB' })).status,
        404,
      );
      assert.equal((await call('DELETE', `${BO}/applications/${ids.app}`, headers)).status, 404);
      assert.equal((await call('PUT', `${BO}/tags/${ids.tag}`, headers, { name: 'Hijacked' })).status, 404);
      assert.equal((await call('DELETE', `${BO}/tags/${ids.tag}`, headers)).status, 404);
      assert.equal((await call('PUT', `${BO}/organisations/${ids.merchant}`, headers, { description: 'Hijacked' })).status, 404);
      assert.equal((await call('DELETE', `${BO}/organisations/${ids.merchant}`, headers)).status, 404);
      const child = await call('POST', `${BO}/organisations`, headers, { parent_id: ids.merchant, type: 'VENUE', name: 'Intruder' });
      assert.equal(child.status, 404, child.text);
    }
    assert.equal(await snapshotA(), before);
    const network = await call('GET', `${SS}/organisations/${ids.merchant}/network?include_total=true`, h.contactA);
    assert.equal(network.body.paging.total, 0);
  });

  it('roles: a contact and a public key alone read only what the contract gives them and write nothing; the secret key lists tags', async () => {
    for (const [method, path, body] of [
      ['POST', `${BO}/applications`, { platform_app_id: 'mine', name: 'Mine', type: 'WEB' }],
      ['PUT', `${BO}/applications/${ids.app}`, { platform_app_id: 'com.iso.a', name: 'Mine', type: 'WEB' }],
      ['POST', `${BO}/tags`, { entity: 'CONTACTS', name: 'Mine' }],
      ['DELETE', `${BO}/languages/${ids.language}`, undefined],
      ['POST', `${BO}/organisations`, { parent_id: a.tenantId, type: 'VENUE', name: 'Mine' }],
      ['PUT', `${BO}/organisations/${ids.merchant}`, { description: 'Mine' }],
    ] as const) {
      // a contact's token is no back-office credential (401); were it one, the role would refuse it (403)
      const r = await call(method, path, h.contactA, body);
      assert.ok([401, 403].includes(r.status), `contact ${method} ${path}: ${r.status} ${r.text}`);
    }
    // a public key alone: the application's public configuration, nothing else
    assert.equal((await call('GET', `${SS}/applications?platform_app_id=com.iso.a`, h.publicA)).status, 200);
    for (const path of [
      `${SS}/languages`,
      `${SS}/tags?entity=ORGANISATIONS`,
      `${SS}/organisations/${ids.merchant}`,
      `${SS}/locations/towns`,
      `${SS}/applications/${ids.app}/integrations`,
    ]) {
      assert.equal((await call('GET', path, h.publicA)).status, 401, `public key GET ${path}`);
    }
    // the contract lets a secret key list tags
    const tags = await call('GET', `${SS}/tags?entity=ORGANISATIONS`, h.secretA);
    assert.equal(tags.status, 200, tags.text);
    assert.deepEqual(
      tags.body.content.map((t: { name: string }) => t.name),
      ['Secret menu'],
    );
    // with the development authenticator a contact principal reaches the mutation, and its role refuses it
    const devContact = { 'x-dev-tenant': a.tenantId, 'x-dev-principal': 'contact:00000000-0000-4000-8000-00000000c0de' };
    assert.equal((await p.http('POST', `${BO}/tags`, { entity: 'CONTACTS', name: 'Mine' }, devContact)).status, 403);
    assert.equal((await p.http('DELETE', `${BO}/organisations/${ids.merchant}`, undefined, devContact)).status, 403);
    // a user without settings.write or organisations.manage is refused
    const readOnly = { 'x-dev-tenant': a.tenantId, 'x-dev-principal': 'user:settings.read,contacts.read' };
    assert.equal((await p.http('POST', `${BO}/industries`, { name: 'Nope' }, readOnly)).status, 403);
    assert.equal((await p.http('PUT', `${BO}/organisations/${ids.merchant}`, { description: 'Nope' }, readOnly)).status, 403);
    assert.equal((await p.http('GET', `${BO}/tags/${ids.tag}`, undefined, readOnly)).status, 200);
  });

  it('mass assignment: ids, tenants, timestamps, types and parents in a body are refused naming the field; nothing is written', async () => {
    const before = await snapshotA();
    for (const [method, path, body, field] of [
      ['POST', `${BO}/applications`, { platform_app_id: 'x', name: 'X', type: 'WEB', id: ids.app }, 'id'],
      ['POST', `${BO}/applications`, { platform_app_id: 'x', name: 'X', type: 'WEB', tenant_id: b.tenantId }, 'tenant_id'],
      ['PUT', `${BO}/applications/${ids.app}`, { platform_app_id: 'com.iso.a', name: 'X', type: 'WEB', created_date: 1 }, 'created_date'],
      ['POST', `${BO}/tags`, { entity: 'CONTACTS', name: 'X', id: ids.tag }, 'id'],
      ['PUT', `${BO}/tags/${ids.tag}`, { kind: 'LANGUAGE' }, 'kind'],
      ['POST', `${BO}/organisations`, { parent_id: a.tenantId, type: 'VENUE', name: 'X', tenant_id: b.tenantId }, 'tenant_id'],
      ['PUT', `${BO}/organisations/${ids.merchant}`, { type: 'VENUE' }, 'type'],
      ['PUT', `${BO}/organisations/${ids.merchant}`, { parent_id: a.tenantId }, 'parent_id'],
      ['PUT', `${BO}/organisations/${ids.merchant}`, { name: 'Renamed' }, 'name'],
    ] as const) {
      const r = await call(method, path, h.ownerA, body);
      assert.equal(r.status, 400, `${method} ${path} ${field}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    assert.equal(await snapshotA(), before);
  });
});
