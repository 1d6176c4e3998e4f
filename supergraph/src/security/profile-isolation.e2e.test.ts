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
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/**
 * Contact profile extras (image, preferred organisations), media upload signatures and landing
 * pages end to end with real credentials, every 2xx answer checked against the Self-Service
 * contract; then isolation: another tenant, another contact, a public key alone and a read-only
 * caller reach nothing of tenant A's, and bodies setting what the server owns are refused.
 */
describe('profile extras: contact image, preferences, media signatures, landing pages', () => {
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
  async function multipart(
    method: string,
    path: string,
    headers: Record<string, string>,
    parts: Record<string, Buffer | string>,
    fileName = 'me.png',
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(parts)) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new Blob([v]), fileName);
    }
    const res = await fetch(`${p.url}${path}`, { method, body: form, headers });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
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
  const fileBytes = async (id: string, headers: Record<string, string>) => {
    const res = await fetch(`${p.url}${SS}/files/${id}`, { headers });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  before(async () => {
    p = await startTestPlatform('profile-isolation');
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

  it('sets, replaces and deletes the contact image; the old file goes, a non-image is 415 and leaves nothing', async () => {
    const path = `${SS}/contacts/${ids.contactA}/image`;
    const first = await multipart('PUT', path, h.contactA, { image: PNG });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(validate('PUT', `${SS}/contacts/{id}/image`, 200, first.body), []);
    assert.deepEqual((await fileBytes(first.body.id, h.contactA)).bytes, PNG);
    const second = await multipart('PUT', path, h.contactA, { image: PNG });
    assert.equal(second.status, 200, second.text);
    assert.notEqual(second.body.id, first.body.id);
    assert.equal((await fileBytes(first.body.id, h.contactA)).status, 404, 'the replaced image file is deleted');
    const exe = await multipart('PUT', path, h.contactA, { image: EXE }, 'me.png');
    assert.equal(exe.status, 415, exe.text);
    assert.equal((await fileBytes(second.body.id, h.contactA)).status, 200, 'a refused upload keeps the current image');
    const noPart = await multipart('PUT', path, h.contactA, { other: 'x' });
    assert.equal(noPart.status, 400, noPart.text);
    const del = await ss('DELETE', '/contacts/{id}/image', path, h.contactA);
    assert.equal(del.status, 204, del.text);
    assert.equal((await fileBytes(second.body.id, h.contactA)).status, 404);
    assert.equal((await call('DELETE', path, h.contactA)).status, 404, 'no image left');
  });

  it('sets a preferred organisation per type and lists it with its name; an unknown organisation is 400', async () => {
    const path = `${SS}/contacts/${ids.contactA}/preferences`;
    const set = await ss('POST', '/contacts/{id}/preferences', path, h.contactA, { organisation_id: ids.merchant, type: 'ORDERS' });
    assert.equal(set.status, 200, set.text);
    const listed = await eventually('preference projected', async () => {
      const r = await ss('GET', '/contacts/{id}/preferences', path, h.contactA);
      return r.status === 200 && r.body.organisations.length === 1 ? r : null;
    });
    assert.deepEqual(listed.body, { organisations: [{ id: ids.merchant, type: 'ORDERS', name: 'Down Town Burgers' }] });
    const unknown = await call('POST', path, h.contactA, { organisation_id: '0190a000-0000-7000-8000-0000000000ff', type: 'REWARDS' });
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.field, 'organisation_id');
    const badType = await call('POST', path, h.contactA, { organisation_id: ids.merchant, type: 'PAYMENTS' });
    assert.equal(badType.status, 400, badType.text);
    assert.equal(badType.body.field, 'type');
  });

  it('signs a media upload; the upload verifies it and refuses a tampered, foreign or forged one', async () => {
    const signed = await ss('POST', '/media/upload/signature', `${SS}/media/upload/signature`, h.contactA, {
      usage_type: 'AVATAR',
      folder: 'avatars',
    });
    assert.equal(signed.status, 200, signed.text);
    const s = { signature: String(signed.headers.get('x-media-signature')), signed_fields: String(signed.headers.get('x-media-signed-fields')) };
    assert.match(s.signature, /^[0-9a-f]{64}$/);
    assert.ok(s.signed_fields.includes(`contactId=${ids.contactA}`), s.signed_fields);
    const ok = await multipart('POST', `${SS}/upload/files`, h.contactA, { file: PNG, signature: s.signature, signedFields: s.signed_fields });
    assert.equal(ok.status, 201, ok.text);
    const tampered = await multipart('POST', `${SS}/upload/files`, h.contactA, {
      file: PNG,
      signature: s.signature,
      signedFields: s.signed_fields.replace('AVATAR', 'LOGO'),
    });
    assert.equal(tampered.status, 400, tampered.text);
    assert.equal(tampered.body.field, 'signature');
    const otherContact = await multipart('POST', `${SS}/upload/files`, h.contactA2, {
      file: PNG,
      signature: s.signature,
      signedFields: s.signed_fields,
    });
    assert.equal(otherContact.status, 400, otherContact.text);
    const otherTenant = await multipart('POST', `${SS}/upload/files`, h.contactB, {
      file: PNG,
      signature: s.signature,
      signedFields: s.signed_fields,
    });
    assert.equal(otherTenant.status, 400, otherTenant.text);
    const bad = await call('POST', `${SS}/media/upload/signature`, h.contactA, { usage_type: 'EXECUTABLE' });
    assert.equal(bad.status, 400, bad.text);
    const foreign = await call('POST', `${SS}/media/upload/signature`, h.contactA, { contact_id: ids.contactA2 });
    assert.ok([403, 404].includes(foreign.status), foreign.text);
  });

  it('manages landing pages in the Back-Office; a visitor opens an ACTIVE one with the public key alone', async () => {
    const body = {
      name: 'Enrolment form',
      type: 'REGISTER',
      title: 'Join us',
      button: 'Submit!',
      colors: [{ type: 'BUTTON', value: 'FDE56F' }],
      form: [
        { property: 'contact.email', label: 'Email', priority: 2 },
        { property: 'contact.first_name', label: 'First name', priority: 1 },
      ],
    };
    const created = await call('POST', `${BO}/landing_pages`, h.ownerA, body);
    assert.equal(created.status, 201, created.text);
    ids.page = created.body.id;
    const page = await eventually('page projected', async () => {
      const r = await ss('GET', '/landing_pages/{id}', `${SS}/landing_pages/${ids.page}`, h.publicA);
      return r.status === 200 ? r : null;
    });
    assert.equal(page.body.title, 'Join us');
    assert.deepEqual(
      page.body.form.map((f: { property: string }) => f.property),
      ['contact.first_name', 'contact.email'],
    );
    const listed = await call('GET', `${BO}/landing_pages?include_total=true`, h.ownerA);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      listed.body.content.map((x: { id: string }) => x.id),
      [ids.page],
    );
    const inactive = await call('PUT', `${BO}/landing_pages/${ids.page}`, { ...h.ownerA, 'x-consistency-token': '' }, { ...body, state: 'INACTIVE' });
    assert.equal(inactive.status, 200, inactive.text);
    await eventually('inactive page hidden', async () => (await call('GET', `${SS}/landing_pages/${ids.page}`, h.publicA)).status === 404);
    assert.equal((await call('GET', `${BO}/landing_pages/${ids.page}`, h.ownerA)).body.state, 'INACTIVE');
    const back = await call('PUT', `${BO}/landing_pages/${ids.page}`, h.ownerA, body);
    assert.equal(back.status, 200, back.text);
    const badColour = await call('POST', `${BO}/landing_pages`, h.ownerA, { ...body, colors: [{ type: 'BUTTON', value: 'red' }] });
    assert.equal(badColour.status, 400, badColour.text);
    assert.equal(badColour.body.field, 'colors.0.value');
  });

  it('keeps tenants and contacts apart on every new route', async () => {
    // another contact of the same tenant: not Alice's image, preferences or signatures
    assert.ok([403, 404].includes((await multipart('PUT', `${SS}/contacts/${ids.contactA}/image`, h.contactA2, { image: PNG })).status));
    assert.ok([403, 404].includes((await call('DELETE', `${SS}/contacts/${ids.contactA}/image`, h.contactA2)).status));
    assert.ok([403, 404].includes((await call('GET', `${SS}/contacts/${ids.contactA}/preferences`, h.contactA2)).status));
    assert.ok(
      [403, 404].includes(
        (await call('POST', `${SS}/contacts/${ids.contactA}/preferences`, h.contactA2, { organisation_id: ids.merchant, type: 'REWARDS' })).status,
      ),
    );
    // a refused image upload leaves no file behind for the intruder (its own file count unchanged: it can still upload)
    // tenant B: its contact, owner and secret key reach nothing of tenant A
    assert.ok([403, 404].includes((await call('GET', `${SS}/contacts/${ids.contactA}/preferences`, h.contactB)).status));
    const bPrefs = await call('POST', `${SS}/contacts/${ids.contactB}/preferences`, h.contactB, { organisation_id: ids.merchant, type: 'ORDERS' });
    assert.equal(bPrefs.status, 400, "tenant A's organisation is unknown in tenant B");
    assert.equal((await call('GET', `${SS}/landing_pages/${ids.page}`, h.publicB)).status, 404);
    for (const headers of [h.ownerB, h.secretB]) {
      assert.equal((await call('GET', `${BO}/landing_pages/${ids.page}`, headers)).status, 404);
      assert.equal((await call('PUT', `${BO}/landing_pages/${ids.page}`, headers, { name: 'Hijacked', type: 'REGISTER' })).status, 404);
      assert.equal((await call('DELETE', `${BO}/landing_pages/${ids.page}`, headers)).status, 404);
      assert.deepEqual((await call('GET', `${BO}/landing_pages`, headers)).body.content, []);
    }
    // roles: a contact and a public key alone cannot manage landing pages
    assert.ok([401, 403].includes((await call('POST', `${BO}/landing_pages`, h.contactA, { name: 'X', type: 'REGISTER' })).status));
    assert.ok([401, 403].includes((await call('POST', `${BO}/landing_pages`, h.publicA, { name: 'X', type: 'REGISTER' })).status));
    assert.ok([401, 403].includes((await call('GET', `${SS}/contacts/${ids.contactA}/preferences`, h.publicA)).status));
    // mass assignment: ids, tenants and states the server owns are refused naming the field
    const owned = await call('POST', `${BO}/landing_pages`, h.ownerA, { name: 'X', type: 'REGISTER', id: ids.page });
    assert.equal(owned.status, 400, owned.text);
    const tenant = await call('POST', `${SS}/contacts/${ids.contactA}/preferences`, h.contactA, {
      organisation_id: ids.merchant,
      type: 'ORDERS',
      contact_id: ids.contactA2,
    });
    assert.equal(tenant.status, 400, tenant.text);
    // still Alice's page and untouched
    const still = await call('GET', `${BO}/landing_pages/${ids.page}`, h.ownerA);
    assert.equal(still.body.name, 'Enrolment form');
  });
});
