import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { eventually } from '../../../testing/eventually';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const CONTACT = '00000000-0000-4000-8000-00000000c0de';
const GUEST = '00000000-0000-4000-8000-0000000000e1';

/**
 * What a self-service app reads at start-up from the settings domain: its public configuration by
 * platform_app_id (the public key alone), its integrations and translated links, languages,
 * name-day rules, tags and the business reference lists; every answer checked against the
 * Self-Service contract; the Back-Office CRUD behind them; bad input is a 400 naming the field.
 */
describe('platform settings: applications and reference lists (Back-Office CRUD, Self-Service reads)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const asContact = { 'x-dev-principal': `contact:${CONTACT}` };
  const publicKeyOnly = { 'x-dev-principal': 'anonymous' };
  const ok = (r: HttpResult, method: string, template: string, status = 200) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  const refused = (r: HttpResult, status: number, field?: string) => {
    assert.equal(r.status, status, r.text);
    if (field) assert.equal((r.body as { field?: string }).field, field, r.text);
  };
  let appId: string;

  const app = {
    platform_app_id: 'com.example.coffee',
    name: 'Coffee app',
    type: 'NATIVE',
    brand_name: 'Coffee & Co',
    authentication: {
      email_password: true,
      sms_otp: true,
      facebook: { is_supported: true, app_id: 'fb-123' },
      google: { is_supported: true },
      guest_contact: { is_supported: true, contact: { id: GUEST, name: 'Guest' } },
    },
    appearance: {
      dark_mode: true,
      homepage_layout: 'LAYOUT2',
      colours: [{ type: 'PRIMARY_COLOUR', value: '#112233' }],
      fonts: [{ type: 'TEXT', font: 'Roboto' }],
    },
    integrations: [
      { type: 'PAYMENT_GATEWAYS', connector: 'STRIPE', payment_methods: ['CARD'] },
      { type: 'ADDRESS_REGISTRY', connector: 'GOOGLE_PLACES' },
    ],
    embedded_links: [
      { title: 'Όροι', url: 'https://example.com/gr/terms', language_code: 'GR', sort_order: 2 },
      { title: 'Terms', url: 'https://example.com/terms', language_code: 'EN', sort_order: 1 },
    ],
  };

  before(async () => {
    p = await startTestPlatform('platform-settings-e2e');
    const created = await p.http('POST', `${BO}/applications`, app);
    assert.equal(created.status, 201, created.text);
    appId = (created.body as { id: string }).id;
    const lists: [string, Record<string, unknown>][] = [
      ['languages', { language_code: 'EN' }],
      ['languages', { language_code: 'gr' }],
      ['name_day_rules', { month: 8, day: 15, names: ['Maria', 'Marios', 'Panagiotis'], description: 'Dormition' }],
      ['tags', { entity: 'ORGANISATIONS', name: 'Coffee', colour: '#6f4e37' }],
      ['tags', { entity: 'ORGANISATIONS', name: 'Closed', state: 'INACTIVE' }],
      ['tags', { entity: 'CONTACTS', name: 'VIP' }],
      ['industries', { name: 'Food and drink' }],
      ['industries', { name: 'Retail' }],
      ['sub_industries', { name: 'Cafés', industry_name: 'Food and drink' }],
      ['sub_industries', { name: 'Bakeries', industry_name: 'Food and drink' }],
      ['sub_industries', { name: 'Clothing', industry_name: 'Retail' }],
      ['business_activities', { name: 'Take-away' }],
    ];
    for (const [path, body] of lists) {
      const r = await p.http('POST', `${BO}/${path}`, body);
      assert.equal(r.status, 201, `${path}: ${r.text}`);
    }
    // the Back-Office writer reads its own writes; the others wait for the projection
    await eventually('the reference lists projected', async () => {
      const r = await p.http('GET', `${SS}/business_activities`, undefined, asContact);
      return r.status === 200 && (r.body as { content: unknown[] }).content.length === 1;
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('GET /applications?platform_app_id= answers the public configuration to the public key alone (flow 6, step 1)', async () => {
    const r = await eventually('the application projected', async () => {
      const res = await p.http('GET', `${SS}/applications?platform_app_id=com.example.coffee`, undefined, publicKeyOnly);
      return res.status === 200 ? res : null;
    });
    const body = ok(r, 'GET', '/self-service/v2/applications');
    assert.equal(body.id, appId);
    assert.deepEqual(body.authentication, {
      email_password: true,
      email_otp: false,
      sms_otp: true,
      facebook: { is_supported: true, app_id: 'fb-123' },
      google: { is_supported: true },
      sso: { is_supported: false },
      guest_contact: { is_supported: true, contact: { id: GUEST, name: 'Guest' } },
      demo_contact: { is_supported: false },
    });
    assert.deepEqual(body.appearance, {
      dark_mode: true,
      homepage_layout: 'LAYOUT2',
      ordering_layout: 'LAYOUT1',
      colours: [{ type: 'PRIMARY_COLOUR', value: '#112233' }],
      fonts: [{ type: 'TEXT', font: 'Roboto' }],
    });
    refused(await p.http('GET', `${SS}/applications?platform_app_id=com.example.other`, undefined, publicKeyOnly), 404);
    refused(await p.http('GET', `${SS}/applications`, undefined, publicKeyOnly), 400, 'platform_app_id');
    refused(await p.http('GET', `${SS}/applications?platform_app_id=x&colour=red`, undefined, publicKeyOnly), 400, 'colour');
    // another tenant's public key does not see it
    refused(
      await p.http('GET', `${SS}/applications?platform_app_id=com.example.coffee`, undefined, {
        ...publicKeyOnly,
        'x-dev-tenant': `${p.tenant}-other`,
      }),
      404,
    );
  });

  it("GET /applications/{id}/integrations and /translations answer a contact the app's integrations (by type) and links (by sort order)", async () => {
    const all = ok(
      await p.http('GET', `${SS}/applications/${appId}/integrations`, undefined, asContact),
      'GET',
      '/self-service/v2/applications/{id}/integrations',
    );
    assert.deepEqual(
      all.content.map((i: { connector: string }) => i.connector),
      ['STRIPE', 'GOOGLE_PLACES'],
    );
    const gateways = ok(
      await p.http('GET', `${SS}/applications/${appId}/integrations?type=PAYMENT_GATEWAYS`, undefined, asContact),
      'GET',
      '/self-service/v2/applications/{id}/integrations',
    );
    assert.equal(gateways.content.length, 1);
    assert.deepEqual(gateways.content[0].payment_gateways, { payment_methods: ['CARD'] });
    refused(await p.http('GET', `${SS}/applications/${appId}/integrations?type=FAX`, undefined, asContact), 400, 'type');
    const links = ok(
      await p.http('GET', `${SS}/applications/${appId}/translations`, undefined, asContact),
      'GET',
      '/self-service/v2/applications/{id}/translations',
    );
    assert.deepEqual(
      links.embedded_links.map((l: { language_code: string; title: string }) => `${l.language_code}:${l.title}`),
      ['EN:Terms', 'GR:Όροι'],
    );
    refused(await p.http('GET', `${SS}/applications/00000000-0000-4000-8000-000000000000/translations`, undefined, asContact), 404);
    refused(await p.http('GET', `${SS}/applications/not-a-uuid/integrations`, undefined, asContact), 404);
    refused(await p.http('GET', `${SS}/applications/${appId}/translations`, undefined, { ...asContact, 'x-dev-tenant': `${p.tenant}-other` }), 404);
  });

  it('the Back-Office refuses bad configurations naming the field and a taken platform_app_id, replaces and removes', async () => {
    refused(await p.http('POST', `${BO}/applications`, { ...app, platform_app_id: 'other', type: 'KIOSK' }), 400, 'type');
    refused(
      await p.http('POST', `${BO}/applications`, {
        ...app,
        platform_app_id: 'other',
        embedded_links: [{ title: 'x', url: 'javascript:alert(1)', language_code: 'EN' }],
      }),
      400,
      'embedded_links.0.url',
    );
    refused(
      await p.http('POST', `${BO}/applications`, { ...app, platform_app_id: 'other', authentication: { guest_contact: { is_supported: true } } }),
      400,
      'authentication.guest_contact.contact.id',
    );
    refused(await p.http('POST', `${BO}/applications`, { ...app, unknown: 1 }), 400, 'unknown');
    refused(await p.http('POST', `${BO}/applications`, app), 409);
    const second = await p.http('POST', `${BO}/applications`, { platform_app_id: 'com.example.web', name: 'Web', type: 'WEB' });
    assert.equal(second.status, 201, second.text);
    const id = (second.body as { id: string }).id;
    const listed = await p.http('GET', `${BO}/applications`);
    assert.deepEqual(
      (listed.body as { content: { platform_app_id: string }[] }).content.map((a) => a.platform_app_id),
      ['com.example.coffee', 'com.example.web'],
    );
    const replaced = await p.http('PUT', `${BO}/applications/${id}`, {
      platform_app_id: 'com.example.web',
      name: 'Web 2',
      type: 'WEB',
      authentication: { email_otp: true },
    });
    assert.equal(replaced.status, 200, replaced.text);
    const got = await p.http('GET', `${BO}/applications/${id}`);
    assert.equal((got.body as { name: string }).name, 'Web 2');
    assert.equal((got.body as { authentication: { email_otp: boolean } }).authentication.email_otp, true);
    assert.equal((await p.http('DELETE', `${BO}/applications/${id}`)).status, 204);
    refused(await p.http('GET', `${BO}/applications/${id}`), 404);
    await eventually('the removed application gone from self-service', async () => {
      const r = await p.http('GET', `${SS}/applications?platform_app_id=com.example.web`, undefined, publicKeyOnly);
      return r.status === 404;
    });
    // a contact may not write configurations
    refused(await p.http('POST', `${BO}/applications`, { platform_app_id: 'mine', name: 'Mine', type: 'WEB' }, asContact), 403);
  });

  it('languages, the name-day rule of a first name, tags and organisation tags, as the contract shapes them', async () => {
    const languages = ok(await p.http('GET', `${SS}/languages`, undefined, asContact), 'GET', '/self-service/v2/languages');
    assert.deepEqual(languages.content, [{ language_code: 'EN' }, { language_code: 'GR' }]);
    const rule = ok(await p.http('GET', `${SS}/name_day_rules?first_name=maria`, undefined, asContact), 'GET', '/self-service/v2/name_day_rules');
    assert.deepEqual(
      { month: rule.month, day: rule.day, names: rule.names, description: rule.description },
      {
        month: 8,
        day: 15,
        names: 'Maria, Marios, Panagiotis',
        description: 'Dormition',
      },
    );
    refused(await p.http('GET', `${SS}/name_day_rules?first_name=Zeno`, undefined, asContact), 404);
    refused(await p.http('GET', `${SS}/name_day_rules`, undefined, asContact), 400, 'first_name');
    const tags = ok(await p.http('GET', `${SS}/tags?entity=ORGANISATIONS&include_total=true`, undefined, asContact), 'GET', '/self-service/v2/tags');
    assert.deepEqual(
      tags.content.map((t: { name: string; state: string }) => `${t.name}:${t.state}`),
      ['Closed:INACTIVE', 'Coffee:ACTIVE'],
    );
    assert.equal(tags.paging.total, 2);
    assert.equal(tags.content[1].colour, '#6F4E37');
    // the contract lets a secret key list tags too
    ok(await p.http('GET', `${SS}/tags?entity=CONTACTS`, undefined, { 'x-dev-principal': 'service:settings.read' }), 'GET', '/self-service/v2/tags');
    refused(await p.http('GET', `${SS}/tags`, undefined, asContact), 400, 'entity');
    refused(await p.http('GET', `${SS}/tags?entity=PLANETS`, undefined, asContact), 400, 'entity');
    const orgTags = ok(await p.http('GET', `${SS}/organisations/tags`, undefined, asContact), 'GET', '/self-service/v2/organisations/tags');
    assert.deepEqual(
      orgTags.content.map((t: { name: string }) => t.name),
      ['Coffee'],
    );
    // a public key alone does not read reference lists
    refused(await p.http('GET', `${SS}/languages`, undefined, publicKeyOnly), 401);
  });

  it('the address lookup without a configured key answers a clear 400 ADDRESS_LOOKUP_NOT_CONFIGURED', async () => {
    const session = '6f1c1f8e-3b7a-4c56-9d2e-0b5a1c2d3e4f';
    for (const path of [`${SS}/addresses?input=Ledra&session_id=${session}`, `${SS}/get_addresses?google_place_id=abc&session_id=${session}`]) {
      const r = await p.http('GET', path, undefined, asContact);
      assert.equal(r.status, 400, r.text);
      assert.match((r.body as { message: string }).message, /ADDRESS_LOOKUP_NOT_CONFIGURED/);
    }
  });

  it('industries, sub-industries (by industry) and business activities, filtered by name and paged', async () => {
    const industries = ok(await p.http('GET', `${SS}/industries?include_total=true`, undefined, asContact), 'GET', '/self-service/v2/industries');
    assert.deepEqual(
      industries.content.map((i: { name: string }) => i.name),
      ['Food and drink', 'Retail'],
    );
    const food = ok(
      await p.http('GET', `${SS}/sub_industries?industry_name=food%20and%20drink`, undefined, asContact),
      'GET',
      '/self-service/v2/sub_industries',
    );
    assert.deepEqual(
      food.content.map((i: { name: string }) => i.name),
      ['Bakeries', 'Cafés'],
    );
    const paged = ok(
      await p.http('GET', `${SS}/sub_industries?size=2&page=2&order=DESC`, undefined, asContact),
      'GET',
      '/self-service/v2/sub_industries',
    );
    assert.deepEqual(
      paged.content.map((i: { name: string }) => i.name),
      ['Bakeries'],
    );
    assert.equal(paged.paging.has_more, false);
    const named = ok(await p.http('GET', `${SS}/business_activities?name=TAKE`, undefined, asContact), 'GET', '/self-service/v2/business_activities');
    assert.equal(named.content.length, 1);
    refused(await p.http('GET', `${SS}/industries?sort=COLOUR`, undefined, asContact), 400, 'sort');
    refused(await p.http('GET', `${SS}/industries?size=0`, undefined, asContact), 400, 'size');
  });

  it('the Back-Office lists, changes and removes entries; a taken entry is 409, a field of another list 400, another tenant sees none', async () => {
    refused(await p.http('POST', `${BO}/industries`, { name: 'retail' }), 409);
    refused(await p.http('POST', `${BO}/name_day_rules`, { month: 2, day: 30, names: ['x'] }), 400, 'day');
    refused(await p.http('POST', `${BO}/languages`, { language_code: 'E1' }), 400, 'language_code');
    refused(await p.http('POST', `${BO}/industries`, { name: 'x', colour: '#000000' }), 400, 'colour');
    const tags = await p.http('GET', `${BO}/tags?entity=CONTACTS`);
    const vip = (tags.body as { content: { id: string; name: string }[] }).content[0]!;
    assert.equal(vip.name, 'VIP');
    assert.equal((await p.http('PUT', `${BO}/tags/${vip.id}`, { state: 'INACTIVE', colour: '#000000' })).status, 200);
    const changed = await p.http('GET', `${BO}/tags/${vip.id}`);
    assert.deepEqual([(changed.body as { state: string }).state, (changed.body as { colour: string }).colour], ['INACTIVE', '#000000']);
    // a tag's id is no industry
    refused(await p.http('GET', `${BO}/industries/${vip.id}`), 404);
    refused(await p.http('DELETE', `${BO}/industries/${vip.id}`), 404);
    assert.equal((await p.http('DELETE', `${BO}/tags/${vip.id}`)).status, 204);
    refused(await p.http('GET', `${BO}/tags/${vip.id}`), 404);
    const other = await p.http('GET', `${BO}/industries`, undefined, { 'x-dev-tenant': `${p.tenant}-other` });
    assert.deepEqual((other.body as { content: unknown[] }).content, []);
  });
});
