import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../testing/test-platform';
import { exactCall } from '../testing/rest-client';
import { eventually } from '../testing/eventually';
import { loadSelfServiceResponseValidator } from '../rest/kit/openapi-validator';

type Gql = { data?: any; errors?: { message: string }[] };
const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * (Organisations part, in its own file to keep each under the runner's per-file time.)
 * Contact profile extras (image, preferred organisations), media upload signatures and landing
 * pages end to end with real credentials, every 2xx answer checked against the Self-Service
 * contract; then isolation: another tenant, another contact, a public key alone and a read-only
 * caller reach nothing of tenant A's, and bodies setting what the server owns are refused.
 */
describe('profile extras: contact organisations (sign up / off, switch) across contacts and tenants', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  let a: { tenantId: string; publicApiKey: string; secretApiKey: string };
  let b: { tenantId: string; publicApiKey: string; secretApiKey: string };
  const h = {} as Record<'ownerA' | 'ownerB' | 'secretB' | 'publicA' | 'publicB' | 'contactA' | 'contactA2' | 'contactB', Record<string, string>>;
  const ids = {} as Record<'contactA' | 'contactA2' | 'contactB' | 'merchant' | 'page', string>;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<HttpResult<any>> =>
    exactCall<any>(p.url, method, path, body, headers);
  /** A Self-Service call whose 2xx answer must match the contract. */
  async function ss(method: string, template: string, path: string, headers: Record<string, string>, body?: unknown) {
    const r = await call(method, path, headers, body);
    if (r.status < 400)
      assert.deepEqual(
        validate(method, `${SS}${template}`, r.status, r.text === '' ? undefined : r.body),
        [],
        `${method} ${path} → ${r.status} ${r.text}`,
      );
    return r;
  }
  async function signIn(publicKey: string, email: string): Promise<Record<string, string>> {
    const r = await p.graphql<Gql>(
      `mutation($u: String!, $p: String!) { authenticateUser(input: { username: $u, password: $p }) { tokens { accessToken } } }`,
      { u: email, p: PASSWORD },
      { api_key: publicKey },
    );
    return { authorization: `Bearer ${r.body.data?.['authenticateUser'].tokens.accessToken as string}` };
  }
  async function register(publicKey: string, email: string): Promise<{ headers: Record<string, string>; id: string }> {
    const r = await p.graphql<Gql>(
      `mutation($e: String!) { registerContact(input: { firstName: "Pro", lastName: "File", provider: EMAIL, email: $e, password: "Contact-Password-1" }) { contactId tokens { accessToken } } }`,
      { e: email },
      { api_key: publicKey },
    );
    assert.ok(r.body.data?.['registerContact'], JSON.stringify(r.body));
    return {
      headers: { api_key: publicKey, authorization: `Bearer ${r.body.data['registerContact'].tokens.accessToken as string}` },
      id: r.body.data['registerContact'].contactId as string,
    };
  }
  before(async () => {
    p = await startTestPlatform('profile-organisations-isolation');
    a = await p.identityWrite.createTenant({ name: 'Pro A', ownerEmail: 'owner@pro-a.example', ownerPassword: PASSWORD, applicationName: 'Pro A' });
    b = await p.identityWrite.createTenant({ name: 'Pro B', ownerEmail: 'owner@pro-b.example', ownerPassword: PASSWORD, applicationName: 'Pro B' });
    h.ownerA = await signIn(a.publicApiKey, 'owner@pro-a.example');
    h.ownerB = await signIn(b.publicApiKey, 'owner@pro-b.example');
    h.secretB = { api_key: b.secretApiKey };
    h.publicA = { api_key: a.publicApiKey };
    h.publicB = { api_key: b.publicApiKey };
    const ca = await register(a.publicApiKey, 'alice@pro-a.example');
    const ca2 = await register(a.publicApiKey, 'anna@pro-a.example');
    const cb = await register(b.publicApiKey, 'bob@pro-b.example');
    [h.contactA, ids.contactA, h.contactA2, ids.contactA2, h.contactB, ids.contactB] = [ca.headers, ca.id, ca2.headers, ca2.id, cb.headers, cb.id];
    const merchant = await call('POST', `${BO}/organisations`, h.ownerA, { parent_id: a.tenantId, type: 'MERCHANT', name: 'Down Town Burgers' });
    assert.equal(merchant.status, 201, merchant.text);
    ids.merchant = merchant.body.id;
    await eventually('merchant projected', async () => (await call('GET', `${SS}/organisations/${ids.merchant}`, h.contactA)).status === 200);
  });
  after(async () => {
    await p?.stop();
  });

  it('signs up to an organisation with fresh tokens, switches to it, signs off; only joined ones switch', async () => {
    const path = `${SS}/contacts/${ids.contactA}/organisations`;
    const up = await ss('POST', '/contacts/{id}/organisations', path, h.contactA, {
      action: 'SIGNUP',
      organisation_id: ids.merchant,
      email_opt_out: true,
    });
    assert.equal(up.status, 200, up.text);
    assert.notEqual(up.body.access_token, h.contactA['authorization']!.slice(7));
    assert.equal(up.body.contact.id, ids.contactA);
    const fresh = { api_key: a.publicApiKey, authorization: `Bearer ${up.body.access_token as string}` };
    const listed = await ss('GET', '/contacts/{id}/organisations', `${path}?include_total=true`, fresh);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.content, [{ id: ids.merchant, name: 'Down Town Burgers' }]);
    const sw = await ss('POST', '/organisations/{id}/switch', `${SS}/organisations/${ids.merchant}/switch`, h.contactA);
    assert.equal(sw.status, 200, sw.text);
    assert.deepEqual(sw.body.organisations, [{ id: ids.merchant, type: 'MERCHANT', name: 'Down Town Burgers' }]);
    // another contact has not joined it; an unknown organisation is not in the network
    assert.equal((await call('POST', `${SS}/organisations/${ids.merchant}/switch`, h.contactA2)).status, 404);
    const unknown = await call('POST', path, h.contactA, { action: 'SIGNUP', organisation_id: '0190a000-0000-7000-8000-0000000000ff' });
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.field, 'organisation_id');
    // tenant B's contact cannot join tenant A's merchant
    const foreign = await call('POST', `${SS}/contacts/${ids.contactB}/organisations`, h.contactB, {
      action: 'SIGNUP',
      organisation_id: ids.merchant,
    });
    assert.equal(foreign.status, 400, foreign.text);
    assert.ok([403, 404].includes((await call('POST', path, h.contactA2, { action: 'SIGNUP', organisation_id: ids.merchant })).status));
    assert.ok([403, 404].includes((await call('GET', path, h.contactA2)).status));
    const off = await ss('POST', '/contacts/{id}/organisations', path, h.contactA, { action: 'SIGNOFF', organisation_id: ids.merchant });
    assert.equal(off.status, 200, off.text);
    assert.equal((await call('POST', `${SS}/organisations/${ids.merchant}/switch`, h.contactA)).status, 404);
    assert.deepEqual((await call('GET', path, h.contactA)).body.content, []);
    const again = await call('POST', path, h.contactA, { action: 'SIGNOFF', organisation_id: ids.merchant });
    assert.equal(again.status, 400, again.text);
  });
});
