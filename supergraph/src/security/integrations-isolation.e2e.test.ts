import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { waitFor as eventually } from '../testing/loopback-receiver';

/**
 * The integrations domain's isolation matrix (automations, the events viewer, the webhook list,
 * export/import): another tenant sees and touches nothing of this tenant's, a WEBHOOK action cannot
 * name another tenant's endpoint, roles without the integrations permissions are refused, and
 * bodies cannot smuggle fields (tenant, ids, state) in.
 */
const AUTOMATIONS = '/backoffice/v2/automations';

describe('integrations isolation: tenants, roles, mass assignment', () => {
  let p: TestPlatform;
  let other: Record<string, string>;
  let automationId: string;
  let webhookId: string;
  let contactId: string;

  before(async () => {
    p = await startTestPlatform('integrations-isolation', { WEBHOOKS_ALLOW_LOOPBACK: 'true', WEBHOOK_DELIVERY_ENABLED: 'false' });
    other = { 'x-dev-tenant': `${p.tenant}-other` };
    const hook = await p.http('POST', '/backoffice/v2/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['contact.updated'] });
    assert.equal(hook.status, 201, hook.text);
    webhookId = hook.body.id;
    const created = await p.http('POST', AUTOMATIONS, {
      name: 'Mine',
      event: 'contact.created',
      actions: [{ type: 'WEBHOOK', webhook_id: webhookId }],
    });
    assert.equal(created.status, 201, created.text);
    automationId = created.body.id;
    const contact = await p.http('POST', '/backoffice/v2/contacts', { contact_type: 'PERSON', first_name: 'Ada', last_name: 'Mine' });
    assert.equal(contact.status, 201, contact.text);
    contactId = contact.body.id;
  });
  after(async () => {
    await p?.stop();
  });

  it("another tenant gets 404 for every route on this tenant's automation, and an empty list", async () => {
    for (const [method, path, body] of [
      ['GET', `${AUTOMATIONS}/${automationId}`, undefined],
      ['PUT', `${AUTOMATIONS}/${automationId}`, { name: 'x', event: 'contact.created', actions: [{ type: 'ACTIVITY', name: 'a' }] }],
      ['DELETE', `${AUTOMATIONS}/${automationId}`, undefined],
      ['POST', `${AUTOMATIONS}/${automationId}/actions`, { action: 'DISABLE' }],
      ['POST', `${AUTOMATIONS}/${automationId}/dry_run`, { event: { type: 'contact.created', data: {} } }],
      ['GET', `${AUTOMATIONS}/${automationId}/runs`, undefined],
    ] as const) {
      const r = await p.http(method, path, body, other);
      assert.equal(r.status, 404, `${method} ${path} as another tenant → ${r.status} ${r.text}`);
    }
    const list = await p.http('GET', `${AUTOMATIONS}?include_total=true`, undefined, other);
    assert.deepEqual([list.status, list.body.paging.total], [200, 0]);
    const mine = await p.http('GET', `${AUTOMATIONS}/${automationId}`);
    assert.deepEqual([mine.status, mine.body.enabled, mine.body.name], [200, true, 'Mine'], 'nothing changed');
  });

  it("a WEBHOOK action cannot name another tenant's endpoint", async () => {
    const r = await p.http(
      'POST',
      AUTOMATIONS,
      { name: 'Steal', event: 'contact.created', actions: [{ type: 'WEBHOOK', webhook_id: webhookId }] },
      other,
    );
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'actions.0.webhook_id');
  });

  it("the events viewer, the webhook list and the export show only the tenant's own", async () => {
    await eventually('my contact event in the viewer', async () => {
      const r = await p.http('GET', `/backoffice/v2/events?aggregate_id=${contactId}`);
      return r.body.content?.length === 1 ? r : undefined;
    });
    const theirs = await p.http('GET', `/backoffice/v2/events?aggregate_id=${contactId}&include_total=true`, undefined, other);
    assert.deepEqual([theirs.status, theirs.body.paging.total], [200, 0]);
    const all = await p.http('GET', '/backoffice/v2/events?include_total=true', undefined, other);
    assert.equal(all.body.paging.total, 0);
    const hooks = await p.http('GET', '/backoffice/v2/webhooks?include_total=true', undefined, other);
    assert.deepEqual([hooks.status, hooks.body.paging.total], [200, 0]);
    const exported = await p.http('GET', '/backoffice/v2/integrations/export', undefined, other);
    assert.equal(exported.status, 200);
    assert.ok(!exported.text.includes('Mine') && !exported.text.includes('127.0.0.1'), exported.text);
  });

  it("an import in another tenant never touches this tenant's automations", async () => {
    const doc = `version: 1\nautomations:\n  - name: Mine\n    event: contact.updated\n    actions: [{type: ACTIVITY, name: theirs}]\n`;
    const r = await p.http('POST', '/backoffice/v2/integrations/import', { document: doc }, other);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.automations.created, 1);
    const mine = await p.http('GET', `${AUTOMATIONS}/${automationId}`);
    assert.equal(mine.body.event, 'contact.created');
  });

  it("adapters: another tenant neither sees nor removes this tenant's, credentials are never returned, only writers configure", async () => {
    const adapters = '/backoffice/v2/integrations/adapters';
    const put = await p.http('PUT', `${adapters}/TWILIO`, {
      credentials: { account_sid: 'AC1', auth_token: 'secret-token' },
      settings: { from_number: '+35722000000' },
    });
    assert.equal(put.status, 200, put.text);
    const mine = await p.http('GET', adapters);
    assert.deepEqual(
      mine.body.content.map((a: { kind: string }) => a.kind),
      ['TWILIO'],
    );
    assert.ok(!mine.text.includes('secret-token'));
    assert.deepEqual((await p.http('GET', adapters, undefined, other)).body.content, []);
    assert.equal((await p.http('DELETE', `${adapters}/TWILIO`, undefined, other)).status, 404);
    const reader = { 'x-dev-principal': 'user:integrations.read' };
    assert.equal((await p.http('GET', adapters, undefined, reader)).status, 200);
    assert.equal(
      (
        await p.http(
          'PUT',
          `${adapters}/TWILIO`,
          { credentials: { account_sid: 'AC2', auth_token: 't' }, settings: { from_number: '+35722000001' } },
          reader,
        )
      ).status,
      403,
    );
    const smuggled = await p.http('PUT', `${adapters}/TWILIO`, {
      credentials: { account_sid: 'AC1', auth_token: 't' },
      settings: { from_number: '+35722000000' },
      tenant_id: 'x',
    });
    assert.deepEqual([smuggled.status, smuggled.body.field], [400, 'tenant_id']);
    const extra = await p.http('PUT', `${adapters}/TWILIO`, {
      credentials: { account_sid: 'AC1', auth_token: 't', api_key: 'x' },
      settings: { from_number: '+35722000000' },
    });
    assert.deepEqual([extra.status, extra.body.field], [400, 'credentials.api_key']);
  });

  it('needs integrations.read to read and integrations.write to change', async () => {
    const reader = { 'x-dev-principal': 'user:integrations.read' };
    assert.equal((await p.http('GET', `${AUTOMATIONS}/${automationId}`, undefined, reader)).status, 200);
    assert.equal(
      (await p.http('POST', `${AUTOMATIONS}/${automationId}/dry_run`, { event: { type: 'contact.created', data: {} } }, reader)).status,
      200,
    );
    assert.equal((await p.http('GET', '/backoffice/v2/events', undefined, reader)).status, 200);
    for (const [method, path, body] of [
      ['POST', AUTOMATIONS, { name: 'x', event: 'contact.created', actions: [{ type: 'ACTIVITY', name: 'a' }] }],
      ['POST', `${AUTOMATIONS}/${automationId}/actions`, { action: 'DISABLE' }],
      ['DELETE', `${AUTOMATIONS}/${automationId}`, undefined],
      ['POST', '/backoffice/v2/integrations/import', { document: 'version: 1' }],
    ] as const) {
      assert.equal((await p.http(method, path, body, reader)).status, 403, `${method} ${path} as a reader`);
    }
    const outsider = { 'x-dev-principal': 'user:contacts.read' };
    for (const path of [
      `${AUTOMATIONS}/${automationId}`,
      AUTOMATIONS,
      '/backoffice/v2/events',
      '/backoffice/v2/webhooks',
      '/backoffice/v2/integrations/export',
    ]) {
      assert.equal((await p.http('GET', path, undefined, outsider)).status, 403, `GET ${path} without integrations.read`);
    }
  });

  it('refuses smuggled fields (tenant, id, state) with a 400 naming them, writing nothing', async () => {
    const base = { name: 'x', event: 'contact.created', actions: [{ type: 'ACTIVITY', name: 'a' }] };
    for (const [body, field] of [
      [{ ...base, tenant_id: 'other' }, 'tenant_id'],
      [{ ...base, id: '00000000-0000-4000-8000-000000000001' }, 'id'],
      [{ ...base, created_date: 1 }, 'created_date'],
      [{ ...base, actions: [{ type: 'ACTIVITY', name: 'a', contact_id: '00000000-0000-4000-8000-000000000001' }] }, 'actions.0.contact_id'],
      [{ ...base, actions: [{ type: 'ADAPTER', adapter: 'SENDGRID', params: { to: 'x' }, api_key: 'k' }] }, 'actions.0.api_key'],
    ] as const) {
      const r = await p.http('POST', AUTOMATIONS, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    const dry = await p.http('POST', `${AUTOMATIONS}/${automationId}/dry_run`, { event: { type: 'contact.created', data: {} }, tenant_id: 'x' });
    assert.deepEqual([dry.status, dry.body.field], [400, 'tenant_id']);
    const list = await p.http('GET', `${AUTOMATIONS}?include_total=true`);
    assert.equal(list.body.paging.total, 1);
  });
});
