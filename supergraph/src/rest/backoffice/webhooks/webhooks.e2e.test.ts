import 'reflect-metadata';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loopbackReceiver, waitFor as eventually } from '../../../testing/loopback-receiver';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const BO = '/backoffice/v2/webhooks';
const CONTACTS = '/backoffice/v2/contacts';
/** The facade's generated OpenAPI document (npm run compose): our shapes for these routes. */
const FACADE_OPENAPI = join(__dirname, '../../../../../schema/rest/openapi.json');

describe('webhooks end to end (REST → integrations-write → Kafka → delivery → receiver)', () => {
  let p: TestPlatform;
  const servers: Server[] = [];
  const validate = loadSelfServiceResponseValidator(FACADE_OPENAPI);

  /** A call whose 2xx answer is checked against the facade's OpenAPI document. */
  async function call(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const r = await p.http(method, path, body, headers);
    if (r.status < 300)
      assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${path} → ${r.status} ${r.text}`);
    return r;
  }

  async function newReceiver(status?: () => number) {
    const r = await loopbackReceiver(status);
    servers.push(r.server);
    return r;
  }

  async function createContact(lastName: string): Promise<string> {
    const r = await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Ada', last_name: lastName });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  }

  before(async () => {
    p = await startTestPlatform('webhooks-e2e', { WEBHOOKS_ALLOW_LOOPBACK: 'true', WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '5000' });
  });
  after(async () => {
    await p?.stop();
    for (const s of servers) s.close();
  });

  it('registers an endpoint (secret shown once), delivers a contact event signed per Standard Webhooks, logs it, replays it with the same webhook-id', async () => {
    const rx = await newReceiver();
    const created = await call('POST', '/backoffice/v2/webhooks', BO, { url: rx.url, events: ['contact.created'], description: 'CRM sync' });
    assert.equal(created.status, 201, created.text);
    const { id, secret } = created.body as { id: string; secret: string };
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);

    const read = await call('GET', '/backoffice/v2/webhooks/{id}', `${BO}/${id}`);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual([read.body.url, read.body.events, read.body.description, read.body.enabled], [rx.url, ['contact.created'], 'CRM sync', true]);
    assert.ok(!read.text.includes('whsec_'), 'the secret is never shown again');

    const contactId = await createContact('Lovelace');
    const first = await eventually('the delivery', () => rx.received[0]);
    const payload = new Webhook(secret).verify(first.body, first.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
    assert.equal(payload.type, 'contact.created');
    assert.equal(payload.data['id'], contactId);
    assert.equal(payload.data['lastName'], 'Lovelace');
    assert.match(first.headers['webhook-signature']!, /^v1,[A-Za-z0-9+/]+=*$/);
    assert.equal(first.headers['content-type'], 'application/json');

    const log = await eventually('the delivery to be logged as SUCCEEDED', async () => {
      const r = await call('GET', '/backoffice/v2/webhooks/{id}/deliveries', `${BO}/${id}/deliveries?include_total=true`);
      return r.body.content?.[0]?.state === 'SUCCEEDED' ? r : undefined;
    });
    const [delivery] = log.body.content as Record<string, unknown>[];
    assert.deepEqual(log.body.paging, { page: 1, size: 10, total: 1, has_more: false });
    assert.deepEqual(
      [delivery!['event_id'], delivery!['event_type'], delivery!['attempts'], delivery!['last_status']],
      [first.headers['webhook-id'], 'contact.created', 1, 200],
    );

    const replay = await call(
      'POST',
      '/backoffice/v2/webhooks/{id}/deliveries/{delivery_id}/replay',
      `${BO}/${id}/deliveries/${delivery!['id']}/replay`,
    );
    assert.equal(replay.status, 202, replay.text);
    const again = await eventually('the replay', () => rx.received[1]);
    assert.equal(again.headers['webhook-id'], first.headers['webhook-id']);
    assert.equal(again.body, first.body);
    new Webhook(secret).verify(again.body, again.headers);

    const from = Math.floor(Date.now() / 1000) - 3600;
    const bulk = await call('POST', '/backoffice/v2/webhooks/{id}/replay', `${BO}/${id}/replay`, { from, to: from + 7200 });
    assert.equal(bulk.status, 202, bulk.text);
    assert.deepEqual(bulk.body, { replayed: 1 });
    const third = await eventually('the bulk replay', () => rx.received[2]);
    assert.equal(third.headers['webhook-id'], first.headers['webhook-id']);
  });

  it('rotating the secret signs with both secrets during the overlap', async () => {
    const rx = await newReceiver();
    const created = await call('POST', '/backoffice/v2/webhooks', BO, { url: rx.url, events: ['contact.created'] });
    const { id, secret: oldSecret } = created.body as { id: string; secret: string };
    const rotated = await call('POST', '/backoffice/v2/webhooks/{id}/rotate_secret', `${BO}/${id}/rotate_secret`);
    assert.equal(rotated.status, 201, rotated.text);
    const newSecret = rotated.body.secret as string;
    assert.notEqual(newSecret, oldSecret);
    await createContact('Rotated');
    const got = await eventually('the delivery', () => rx.received[0]);
    assert.equal(got.headers['webhook-signature']!.split(' ').length, 2);
    new Webhook(newSecret).verify(got.body, got.headers);
    new Webhook(oldSecret).verify(got.body, got.headers);
  });

  it('a receiver answering 410 Gone gets the endpoint disabled (reason GONE); PUT enabled re-enables it', async () => {
    let status = 410;
    const rx = await newReceiver(() => status);
    const created = await call('POST', '/backoffice/v2/webhooks', BO, { url: rx.url, events: ['*'] });
    const id = created.body.id as string;
    await createContact('Gone');
    const disabled = await eventually('the endpoint to be disabled', async () => {
      const r = await call('GET', '/backoffice/v2/webhooks/{id}', `${BO}/${id}`);
      return r.body.enabled === false ? r : undefined;
    });
    assert.equal(disabled.body.disabled_reason, 'GONE');
    assert.equal(rx.received.length, 1, 'no retry after a 410');
    status = 200;
    const put = await call('PUT', '/backoffice/v2/webhooks/{id}', `${BO}/${id}`, { url: rx.url, events: ['*'], enabled: true });
    assert.equal(put.status, 200, put.text);
    const read = await call('GET', '/backoffice/v2/webhooks/{id}', `${BO}/${id}`);
    assert.deepEqual([read.body.enabled, read.body.disabled_reason], [true, undefined]);
  });

  it('refuses bad input with a 400 naming the field, private and metadata addresses in every mode, and unknown ids with 404', async () => {
    const bad: [unknown, string][] = [
      [{ url: 'http://10.0.0.5/hooks', events: ['*'] }, 'url'],
      [{ url: 'http://169.254.169.254/latest/meta-data', events: ['*'] }, 'url'],
      [{ url: 'http://[fd00:ec2::254]/', events: ['*'] }, 'url'],
      [{ url: 'http://192.168.1.1:8080/', events: ['*'] }, 'url'],
      [{ url: 'http://127.0.0.1:5432/', events: ['*'] }, 'url'],
      [{ url: 'file:///etc/passwd', events: ['*'] }, 'url'],
      [{ url: 'http://user:pw@127.0.0.1/', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/', events: ['contact.exploded'] }, 'events'],
      [{ url: 'https://hooks.example.com/', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com/', events: ['*'], secret: 'whsec_mine' }, 'secret'],
    ];
    for (const [body, field] of bad) {
      const r = await p.http('POST', BO, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.status} ${r.text}`);
      assert.equal(r.body.field, field, `${JSON.stringify(body)} → ${r.text}`);
    }
    const none = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', `${BO}/${none}`],
      ['PUT', `${BO}/${none}`],
      ['DELETE', `${BO}/${none}`],
      ['POST', `${BO}/${none}/rotate_secret`],
      ['GET', `${BO}/${none}/deliveries`],
      ['POST', `${BO}/${none}/deliveries/${none}/replay`],
      ['GET', `${BO}/not-a-guid`],
    ] as const) {
      const r = await p.http(method, path, method === 'PUT' ? { url: 'https://hooks.example.com/', events: ['*'] } : undefined);
      assert.equal(r.status, 404, `${method} ${path} → ${r.status} ${r.text}`);
    }
    const page = await p.http('GET', `${BO}/${none}/deliveries?size=0`);
    assert.equal(page.status, 400, page.text);
  });

  it('keeps tenants apart and needs the integrations permissions', async () => {
    const rx = await newReceiver();
    const created = await p.http('POST', BO, { url: rx.url, events: ['contact.created'] });
    const id = created.body.id as string;
    const other = { 'x-dev-tenant': `${p.tenant}-other` };
    for (const [method, path] of [
      ['GET', `${BO}/${id}`],
      ['DELETE', `${BO}/${id}`],
      ['POST', `${BO}/${id}/rotate_secret`],
      ['GET', `${BO}/${id}/deliveries`],
    ] as const) {
      const r = await p.http(method, path, undefined, other);
      assert.equal(r.status, 404, `${method} ${path} as another tenant → ${r.status} ${r.text}`);
    }
    // another tenant's contact event is not delivered to this tenant's endpoint
    const r = await p.http('POST', CONTACTS, { contact_type: 'PERSON', first_name: 'Eve', last_name: 'Other' }, other);
    assert.equal(r.status, 201, r.text);
    await createContact('Mine');
    const got = await eventually('the own tenant delivery', () => rx.received[0]);
    assert.equal((JSON.parse(got.body) as { data: { lastName: string } }).data.lastName, 'Mine');
    assert.equal(rx.received.length, 1);

    const reader = { 'x-dev-principal': 'user:integrations.read' };
    assert.equal((await p.http('GET', `${BO}/${id}`, undefined, reader)).status, 200);
    assert.equal((await p.http('POST', `${BO}/${id}/rotate_secret`, undefined, reader)).status, 403);
    assert.equal((await p.http('GET', `${BO}/${id}`, undefined, { 'x-dev-principal': 'user:contacts.read' })).status, 403);

    const deleted = await p.http('DELETE', `${BO}/${id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal((await p.http('GET', `${BO}/${id}`)).status, 404);
  });
});
