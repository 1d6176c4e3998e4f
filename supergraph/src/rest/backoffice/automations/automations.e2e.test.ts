import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Webhook } from 'standardwebhooks';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loopbackReceiver, waitFor as eventually } from '../../../testing/loopback-receiver';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const AUTOMATIONS = '/backoffice/v2/automations';
const CONTACTS = '/backoffice/v2/contacts';
/** The facade's generated OpenAPI document (npm run compose): our shapes for these routes. */
const FACADE_OPENAPI = join(__dirname, '../../../../../schema/rest/openapi.json');

describe('automations end to end (REST → integrations-write → Kafka → trigger → actions)', () => {
  let p: TestPlatform;
  let rx: Awaited<ReturnType<typeof loopbackReceiver>>;
  const validate = loadSelfServiceResponseValidator(FACADE_OPENAPI);

  /** A call whose 2xx answer is checked against the facade's OpenAPI document. */
  async function call(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const r = await p.http(method, path, body, headers);
    if (r.status < 300 && r.status !== 204 && !template.endsWith('/export')) {
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${path} → ${r.status} ${r.text}`);
    }
    return r;
  }

  async function createContact(lastName: string, contactType = 'PERSON'): Promise<string> {
    const body =
      contactType === 'PERSON'
        ? { contact_type: 'PERSON', first_name: 'Ada', last_name: lastName }
        : { contact_type: 'COMPANY', company_name: lastName };
    const r = await p.http('POST', CONTACTS, body);
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  }

  let webhookId: string;
  let webhookSecret: string;
  let automationId: string;

  before(async () => {
    p = await startTestPlatform('automations-e2e', {
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      WEBHOOK_POLL_MS: '50',
      AUTOMATION_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '5000',
    });
    rx = await loopbackReceiver();
    // the endpoint subscribes to contact.updated only: what it gets of contact.created comes from the automation
    const key = { 'idempotency-key': `wh-${p.tenant}` };
    const created = await call('POST', '/backoffice/v2/webhooks', '/backoffice/v2/webhooks', { url: rx.url, events: ['contact.updated'] }, key);
    assert.equal(created.status, 201, created.text);
    webhookId = created.body.id;
    webhookSecret = created.body.secret;
    const again = await call('POST', '/backoffice/v2/webhooks', '/backoffice/v2/webhooks', { url: rx.url, events: ['contact.updated'] }, key);
    assert.deepEqual(
      [again.status, again.body.id, again.body.secret],
      [201, webhookId, webhookSecret],
      'a repeated Idempotency-Key answers as the first call',
    );
  });
  after(async () => {
    await p?.stop();
    rx?.server.close();
  });

  it('lists webhook endpoints (never a secret)', async () => {
    const list = await eventually('the endpoint to be listed', async () => {
      const r = await call('GET', '/backoffice/v2/webhooks', '/backoffice/v2/webhooks?include_total=true');
      return r.body.content?.length === 1 ? r : undefined;
    });
    assert.equal(list.body.content[0].id, webhookId);
    assert.equal(list.body.paging.total, 1);
    assert.ok(!list.text.includes('whsec_'));
  });

  it('creates an automation (Idempotency-Key honoured), reads and lists it', async () => {
    const body = {
      name: 'Welcome Lovelaces',
      event: 'contact.created',
      conditions: [
        { field: 'type', operator: 'EQUALS', value: 'PERSON' },
        { field: 'lastName', operator: 'STARTS_WITH', value: 'Love' },
      ],
      actions: [
        { type: 'WEBHOOK', webhook_id: webhookId },
        { type: 'ACTIVITY', name: 'Call the new contact', due_in_days: 2 },
      ],
    };
    const key = { 'idempotency-key': `auto-${p.tenant}` };
    const created = await call('POST', AUTOMATIONS, AUTOMATIONS, body, key);
    assert.equal(created.status, 201, created.text);
    automationId = created.body.id;
    const again = await call('POST', AUTOMATIONS, AUTOMATIONS, body, key);
    assert.deepEqual([again.status, again.body.id], [201, automationId]);

    const read = await call('GET', `${AUTOMATIONS}/{id}`, `${AUTOMATIONS}/${automationId}`);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(
      [read.body.name, read.body.event, read.body.enabled, read.body.conditions, read.body.actions],
      [
        'Welcome Lovelaces',
        'contact.created',
        true,
        body.conditions,
        [
          { type: 'WEBHOOK', webhook_id: webhookId },
          { type: 'ACTIVITY', name: 'Call the new contact', due_in_days: 2 },
        ],
      ],
    );
    const list = await call('GET', AUTOMATIONS, `${AUTOMATIONS}?include_total=true`);
    assert.deepEqual([list.body.paging.total, list.body.content[0].id], [1, automationId]);
  });

  it('refuses bad automations with a 400 naming the field, writing nothing', async () => {
    const base = { name: 'x', event: 'contact.created', actions: [{ type: 'ACTIVITY', name: 'a' }] };
    const cases: [unknown, string][] = [
      [{ ...base, event: 'nope.happened' }, 'event'],
      [{ ...base, conditions: [{ field: 'a', operator: 'LIKE', value: 1 }] }, 'conditions.0.operator'],
      [{ ...base, conditions: [{ field: 'a', operator: 'GT', value: 'big' }] }, 'conditions.0.value'],
      [{ ...base, conditions: [{ field: 'a', operator: 'IN', value: 'x' }] }, 'conditions.0.value'],
      [{ ...base, actions: [{ type: 'WEBHOOK', webhook_id: '00000000-0000-4000-8000-000000000001' }] }, 'actions.0.webhook_id'],
      [{ ...base, actions: [] }, 'actions'],
      [{ ...base, tenant_id: 'other' }, 'tenant_id'],
    ];
    for (const [body, field] of cases) {
      const r = await p.http('POST', AUTOMATIONS, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    const list = await p.http('GET', `${AUTOMATIONS}?include_total=true`);
    assert.equal(list.body.paging.total, 1);
  });

  it('dry-runs against sample events: every condition with the value found, the actions that would run; nothing runs', async () => {
    const path = `${AUTOMATIONS}/${automationId}/dry_run`;
    const hit = await call('POST', `${AUTOMATIONS}/{id}/dry_run`, path, {
      event: { type: 'contact.created', data: { id: 'c-1', type: 'PERSON', lastName: 'Lovelace' } },
    });
    assert.equal(hit.status, 200, hit.text);
    assert.equal(hit.body.matched, true);
    assert.deepEqual(hit.body.conditions, [
      { field: 'type', operator: 'EQUALS', value: 'PERSON', actual: 'PERSON', passed: true },
      { field: 'lastName', operator: 'STARTS_WITH', value: 'Love', actual: 'Lovelace', passed: true },
    ]);
    assert.deepEqual(hit.body.actions, [
      { index: 0, type: 'WEBHOOK', webhook_id: webhookId },
      { index: 1, type: 'ACTIVITY', name: 'Call the new contact', due_in_days: 2, contact_id: 'c-1' },
    ]);
    const miss = await call('POST', `${AUTOMATIONS}/{id}/dry_run`, path, { event: { type: 'contact.created', data: { type: 'COMPANY' } } });
    assert.deepEqual([miss.body.matched, miss.body.event_matched, miss.body.actions], [false, true, []]);
    assert.deepEqual(
      miss.body.conditions.map((c: { actual: unknown; passed: boolean }) => [c.actual, c.passed]),
      [
        ['COMPANY', false],
        [null, false],
      ],
    );
    const runs = await call('GET', `${AUTOMATIONS}/{id}/runs`, `${AUTOMATIONS}/${automationId}/runs?include_total=true`);
    assert.equal(runs.body.paging.total, 0, 'a dry run runs nothing');
    assert.equal(rx.received.length, 0);
  });

  it('runs each action once per matching event, records the outcomes; a non-matching event runs nothing', async () => {
    const babbage = await createContact('Babbage');
    const lovelace = await createContact('Lovelace');
    const delivery = await eventually('the WEBHOOK action delivery', () => rx.received[0]);
    const payload = new Webhook(webhookSecret).verify(delivery.body, delivery.headers) as { type: string; data: Record<string, unknown> };
    assert.deepEqual([payload.type, payload.data['id'], payload.data['lastName']], ['contact.created', lovelace, 'Lovelace']);

    const runs = await eventually('both actions to finish', async () => {
      const r = await call('GET', `${AUTOMATIONS}/{id}/runs`, `${AUTOMATIONS}/${automationId}/runs?include_total=true`);
      const content = r.body.content as { state: string }[];
      return content.length === 2 && content.every((x) => x.state === 'SUCCEEDED' || x.state === 'FAILED') ? r : undefined;
    });
    const byType = Object.fromEntries((runs.body.content as Record<string, unknown>[]).map((r) => [r['action_type'], r]));
    assert.deepEqual([byType['WEBHOOK']!['state'], byType['WEBHOOK']!['result_id'], byType['WEBHOOK']!['attempts']], ['SUCCEEDED', webhookId, 1]);
    assert.equal(byType['ACTIVITY']!['state'], 'SUCCEEDED', JSON.stringify(byType['ACTIVITY']));
    const activity = await p.http('GET', `/backoffice/v2/activities/${byType['ACTIVITY']!['result_id'] as string}`);
    assert.equal(activity.status, 200, activity.text);
    assert.equal(activity.body.name, 'Call the new contact');
    assert.ok(runs.body.content.every((r: { event_id: string }) => r.event_id === delivery.headers['webhook-id']));

    // the events viewer shows both contacts' events; the automation ran for one
    const events = await eventually('the events to be logged', async () => {
      const r = await call('GET', '/backoffice/v2/events', `/backoffice/v2/events?type=contact.created&include_total=true`);
      return r.body.paging?.total === 2 ? r : undefined;
    });
    assert.deepEqual(new Set(events.body.content.map((e: { aggregate_id: string }) => e.aggregate_id)), new Set([babbage, lovelace]));
    const one = await call('GET', '/backoffice/v2/events', `/backoffice/v2/events?aggregate_id=${lovelace}&type=contact.created`);
    assert.deepEqual(
      one.body.content.map((e: { id: string }) => e.id),
      [delivery.headers['webhook-id']],
    );
    const none = await call('GET', '/backoffice/v2/events', `/backoffice/v2/events?type=contact.created&from=0&to=1`);
    assert.equal(none.body.content.length, 0);
    assert.equal((await p.http('GET', '/backoffice/v2/events?when=now')).status, 400);
  });

  it('disabled, it runs no more; enabled again, it does', async () => {
    const off = await call('POST', `${AUTOMATIONS}/{id}/actions`, `${AUTOMATIONS}/${automationId}/actions`, { action: 'DISABLE' });
    assert.equal(off.status, 200, off.text);
    assert.equal((await p.http('GET', `${AUTOMATIONS}/${automationId}`)).body.enabled, false);
    const quiet = await createContact('Loveless');
    await eventually('the event to be seen', async () => {
      const r = await p.http('GET', `/backoffice/v2/events?aggregate_id=${quiet}`);
      return r.body.content?.length === 1 ? r : undefined;
    });
    const runs = await p.http('GET', `${AUTOMATIONS}/${automationId}/runs?include_total=true`);
    assert.equal(runs.body.paging.total, 2, 'no run while disabled');
    const on = await call('POST', `${AUTOMATIONS}/{id}/actions`, `${AUTOMATIONS}/${automationId}/actions`, { action: 'ENABLE' });
    assert.equal(on.status, 200, on.text);
    assert.equal((await p.http('POST', `${AUTOMATIONS}/${automationId}/actions`, { action: 'PAUSE' })).status, 400);
  });

  it('exports webhooks and automations as YAML, imports it idempotently, refuses a bad document naming the field', async () => {
    const exported = await p.http('GET', '/backoffice/v2/integrations/export');
    assert.equal(exported.status, 200, exported.text);
    assert.match(exported.headers.get('content-type') ?? '', /^application\/yaml/);
    const doc = parse(exported.text) as {
      version: number;
      webhooks: { url: string }[];
      automations: { name: string; actions: Record<string, unknown>[] }[];
    };
    assert.equal(doc.version, 1);
    assert.deepEqual(
      doc.webhooks.map((w) => w.url),
      [rx.url],
    );
    assert.deepEqual(doc.automations[0]!.actions[0], { type: 'WEBHOOK', webhook_url: rx.url });
    assert.ok(!exported.text.includes('whsec_'));

    const same = await call('POST', '/backoffice/v2/integrations/import', '/backoffice/v2/integrations/import', { document: exported.text });
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.body, {
      webhooks: { created: 0, updated: 0, unchanged: 1 },
      automations: { created: 0, updated: 0, unchanged: 1 },
      secrets: [],
    });

    // into another tenant: everything created, WEBHOOK actions pointed at that tenant's new endpoint
    const other = { 'x-dev-tenant': `${p.tenant}-import` };
    const into = await call('POST', '/backoffice/v2/integrations/import', '/backoffice/v2/integrations/import', { document: exported.text }, other);
    assert.equal(into.status, 200, into.text);
    assert.deepEqual([into.body.webhooks.created, into.body.automations.created, into.body.secrets.length], [1, 1, 1]);
    const theirs = await p.http('GET', AUTOMATIONS, undefined, other);
    assert.deepEqual(theirs.body.content[0].actions[0], { type: 'WEBHOOK', webhook_id: into.body.secrets[0].id });
    const twice = await p.http('POST', '/backoffice/v2/integrations/import', { document: exported.text }, other);
    assert.deepEqual([twice.body.webhooks.unchanged, twice.body.automations.unchanged], [1, 1]);

    const bad: [string, string][] = [
      ['version: 2', 'document.version'],
      ['version: 1\nautomations:\n  - name: a\n    event: nope.x\n    actions: [{type: ACTIVITY, name: n}]', 'document.automations.0.event'],
      [
        'version: 1\nautomations:\n  - name: a\n    event: contact.created\n    actions: [{type: WEBHOOK, webhook_url: "https://unknown.example.com/h"}]',
        'document.automations.0.actions.0.webhook_url',
      ],
      ['version: 1\nwebhooks:\n  - url: "http://10.0.0.1/h"\n    events: [contact.created]', 'document.webhooks.0.url'],
      ['version: [1', 'document'],
    ];
    for (const [text, field] of bad) {
      const r = await p.http('POST', '/backoffice/v2/integrations/import', { document: text });
      assert.equal(r.status, 400, `${text} → ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    const list = await p.http('GET', `${AUTOMATIONS}?include_total=true`);
    assert.equal(list.body.paging.total, 1, 'a refused document writes nothing');
  });

  it('runs an ADAPTER action through the tenant provider (GA4 at a local base URL); credentials are never returned', async () => {
    const ga = await loopbackReceiver(() => 204);
    const seen = ga.received;
    try {
      const base = ga.base;
      const adapters = '/backoffice/v2/integrations/adapters';
      const put = await call('PUT', `${adapters}/{kind}`, `${adapters}/ga4`, {
        credentials: { api_secret: 'ga-secret-1' },
        settings: { measurement_id: 'G-E2E', base_url: base },
      });
      assert.equal(put.status, 200, put.text);
      const list = await call('GET', adapters, adapters);
      assert.deepEqual(
        list.body.content.map((a: { kind: string; settings: unknown }) => [a.kind, a.settings]),
        [['GA4', { measurement_id: 'G-E2E', base_url: base }]],
      );
      assert.ok(!list.text.includes('ga-secret-1'), 'credentials are never returned');
      const missing = await p.http('PUT', `${adapters}/sendgrid`, { credentials: { api_key: 'k' }, settings: {} });
      assert.deepEqual([missing.status, missing.body.field], [400, 'settings.from_email']);
      const internal = await p.http('PUT', `${adapters}/mixpanel`, { credentials: { token: 't' }, settings: { base_url: 'http://169.254.169.254' } });
      assert.deepEqual([internal.status, internal.body.field], [400, 'settings.base_url']);
      assert.equal((await p.http('PUT', `${adapters}/fax`, { credentials: {} })).status, 404);

      const created = await call('POST', AUTOMATIONS, AUTOMATIONS, {
        name: 'Sign-ups to GA4',
        event: 'contact.created',
        conditions: [{ field: 'lastName', operator: 'EQUALS', value: 'Analytics' }],
        actions: [{ type: 'ADAPTER', adapter: 'GA4', params: { event: 'sign_up' } }],
      });
      assert.equal(created.status, 201, created.text);
      const contact = await createContact('Analytics');
      const hit = await eventually('the GA4 call', () => seen[0]);
      const url = new URL(hit.path, base);
      assert.deepEqual(
        [url.pathname, url.searchParams.get('measurement_id'), url.searchParams.get('api_secret')],
        ['/mp/collect', 'G-E2E', 'ga-secret-1'],
      );
      assert.deepEqual(JSON.parse(hit.body), {
        client_id: contact,
        events: [
          { name: 'sign_up', params: { crm_event_id: JSON.parse(hit.body).events[0].params.crm_event_id, crm_event_type: 'contact.created' } },
        ],
      });
      const runs = await eventually('the run to be recorded', async () => {
        const r = await p.http('GET', `${AUTOMATIONS}/${created.body.id}/runs`);
        return r.body.content?.[0]?.state === 'SUCCEEDED' ? r : undefined;
      });
      assert.equal(runs.body.content[0].action_type, 'ADAPTER');
      assert.equal((await p.http('DELETE', `${adapters}/ga4`)).status, 204);
      assert.equal((await p.http('DELETE', `${adapters}/ga4`)).status, 404);
      assert.equal((await p.http('DELETE', AUTOMATIONS + '/' + created.body.id)).status, 204);
    } finally {
      ga.server.closeAllConnections();
      ga.server.close();
    }
  });

  it('deletes an automation: 404 after, its runs gone from view', async () => {
    const del = await p.http('DELETE', `${AUTOMATIONS}/${automationId}`);
    assert.equal(del.status, 204, del.text);
    assert.equal((await p.http('GET', `${AUTOMATIONS}/${automationId}`)).status, 404);
    assert.equal((await p.http('DELETE', `${AUTOMATIONS}/${automationId}`)).status, 404);
    assert.equal((await p.http('GET', `${AUTOMATIONS}/not-a-guid`)).status, 404);
  });
});
