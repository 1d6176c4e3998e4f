import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenAdapter } from '../application/adapter-commands';
import { ga4, mixpanel, sendgrid, twilioSms, type ProviderCall } from './providers';

/**
 * Each provider adapter against a local server that answers the calls the way the provider
 * documents them, checking the request shape we send: Sendgrid v3 mail/send, Mixpanel /track and
 * /engage, the GA4 Measurement Protocol, Twilio's 2010-04-01 Messages resource.
 */
interface Seen {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('provider adapters: the documented request shapes', () => {
  let server: Server;
  let base = '';
  const seen: Seen[] = [];
  let answer: (s: Seen) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200 });

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const s = { method: req.method!, url: new URL(req.url!, 'http://local'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        seen.push(s);
        const a = answer(s);
        res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen.length = 0;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const event = {
    id: '0b7c7f3e-9a55-4d6e-9f0e-2f4f3b1c0a11',
    type: 'contact.created',
    data: { id: 'c-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', code: 'C1', phones: [{ number: '+35799123456' }] },
  };
  const call = (adapter: Omit<OpenAdapter, 'baseUrl'>, params: Record<string, string>): ProviderCall => ({
    adapter: { ...adapter, baseUrl: base },
    params,
    event,
    timeoutMs: 5000,
  });

  it('Sendgrid: POST /v3/mail/send, bearer API key, personalizations/from/template_id with the event as dynamic_template_data', async () => {
    answer = () => ({ status: 202, headers: { 'x-message-id': 'msg-42' } });
    const r = await sendgrid(
      call(
        { kind: 'SENDGRID', settings: { from_email: 'crm@shop.example', from_name: 'Shop' }, credentials: { api_key: 'SG.key' } },
        { template_id: 'd-123' },
      ),
    );
    assert.deepEqual([r.ok, r.resultId], [true, 'msg-42']);
    const [req] = seen;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url.pathname, '/v3/mail/send');
    assert.equal(req!.headers['authorization'], 'Bearer SG.key');
    assert.match(req!.headers['content-type'] ?? '', /^application\/json/);
    const body = JSON.parse(req!.body) as Record<string, any>;
    assert.deepEqual(body['from'], { email: 'crm@shop.example', name: 'Shop' });
    assert.equal(body['template_id'], 'd-123');
    assert.deepEqual(body['personalizations'][0]['to'], [{ email: 'ada@example.com' }]);
    assert.equal(body['personalizations'][0]['dynamic_template_data']['firstName'], 'Ada');

    answer = () => ({ status: 200 });
    seen.length = 0;
    await sendgrid(
      call(
        { kind: 'SENDGRID', settings: { from_email: 'crm@shop.example' }, credentials: { api_key: 'SG.key' } },
        { subject: 'Hi {{firstName}}', text: 'Welcome, {{firstName}} {{lastName}}' },
      ),
    );
    const plain = JSON.parse(seen[0]!.body) as Record<string, any>;
    assert.equal(plain['subject'], 'Hi Ada');
    assert.deepEqual(plain['content'], [{ type: 'text/plain', value: 'Welcome, Ada Lovelace' }]);
  });

  it('Sendgrid failures: 5xx and 429 retriable, 4xx not', async () => {
    const adapter = { kind: 'SENDGRID' as const, settings: { from_email: 'crm@shop.example' }, credentials: { api_key: 'SG.key' } };
    answer = () => ({ status: 503, body: '{"errors":[{"message":"down"}]}', headers: { 'content-type': 'application/json' } });
    const down = await sendgrid(call(adapter, { template_id: 'd-1' }));
    assert.deepEqual([down.ok, down.retriable], [false, true]);
    answer = () => ({ status: 400, body: '{"errors":[{"message":"bad"}]}', headers: { 'content-type': 'application/json' } });
    const bad = await sendgrid(call(adapter, { template_id: 'd-1' }));
    assert.deepEqual([bad.ok, bad.retriable], [false, false]);
  });

  it('Mixpanel: /track with token, distinct_id and $insert_id = the event id (Mixpanel dedupes); /engage $set for profiles', async () => {
    answer = () => ({ status: 200, body: '1' });
    const adapter = { kind: 'MIXPANEL' as const, settings: {}, credentials: { token: 'mp-token' } };
    const r = await mixpanel(call(adapter, { event: 'Signed Up' }));
    assert.equal(r.ok, true, r.outcome);
    const track = seen[0]!;
    assert.equal(track.url.pathname, '/track');
    const data = JSON.parse(Buffer.from(track.url.searchParams.get('data')!, 'base64').toString('utf8')) as {
      event: string;
      properties: Record<string, unknown>;
    };
    assert.equal(data.event, 'Signed Up');
    assert.deepEqual([data.properties['token'], data.properties['distinct_id'], data.properties['$insert_id']], ['mp-token', 'c-1', event.id]);

    seen.length = 0;
    await mixpanel(call(adapter, {}));
    const engage = seen[0]!;
    assert.equal(engage.url.pathname, '/engage');
    const profile = JSON.parse(Buffer.from(engage.url.searchParams.get('data')!, 'base64').toString('utf8')) as Record<string, any>;
    assert.deepEqual([profile['$token'], profile['$distinct_id']], ['mp-token', 'c-1']);
    assert.deepEqual(profile['$set'], { $first_name: 'Ada', $last_name: 'Lovelace', $email: 'ada@example.com', crm_code: 'C1' });

    answer = () => ({ status: 200, body: '0' });
    assert.equal((await mixpanel(call(adapter, { event: 'x' }))).ok, false);
  });

  it('GA4: POST /mp/collect?measurement_id&api_secret with {client_id, events: [{name, params}]}', async () => {
    answer = () => ({ status: 204 });
    const r = await ga4(
      call({ kind: 'GA4', settings: { measurement_id: 'G-ABC123' }, credentials: { api_secret: 'ga-secret' } }, { event: 'sign_up' }),
    );
    assert.equal(r.ok, true, r.outcome);
    const req = seen[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url.pathname, '/mp/collect');
    assert.deepEqual([req.url.searchParams.get('measurement_id'), req.url.searchParams.get('api_secret')], ['G-ABC123', 'ga-secret']);
    const body = JSON.parse(req.body) as { client_id: string; events: { name: string; params: Record<string, unknown> }[] };
    assert.equal(body.client_id, 'c-1');
    assert.deepEqual(body.events, [{ name: 'sign_up', params: { crm_event_id: event.id, crm_event_type: 'contact.created' } }]);
    answer = () => ({ status: 500 });
    assert.deepEqual((await ga4(call({ kind: 'GA4', settings: { measurement_id: 'G-1' }, credentials: { api_secret: 's' } }, {}))).retriable, true);
  });

  it('Twilio: POST /2010-04-01/Accounts/{sid}/Messages.json, basic auth, form To/From/Body', async () => {
    answer = () => ({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sid: 'SM123', status: 'queued', account_sid: 'AC123' }),
    });
    const adapter = {
      kind: 'TWILIO' as const,
      settings: { from_number: '+35722000000' },
      credentials: { account_sid: 'AC123', auth_token: 'tw-token' },
    };
    const r = await twilioSms(call(adapter, { text: 'Welcome {{firstName}}' }));
    assert.deepEqual([r.ok, r.resultId], [true, 'SM123'], r.outcome);
    const req = seen[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url.pathname, '/2010-04-01/Accounts/AC123/Messages.json');
    assert.equal(req.headers['authorization'], `Basic ${Buffer.from('AC123:tw-token').toString('base64')}`);
    assert.match(req.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(req.body);
    assert.deepEqual([form.get('To'), form.get('From'), form.get('Body')], ['+35799123456', '+35722000000', 'Welcome Ada']);

    answer = () => ({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 21211, message: 'invalid To', status: 400 }),
    });
    const bad = await twilioSms(call(adapter, { text: 'x' }));
    assert.deepEqual([bad.ok, bad.retriable], [false, false]);
  });
});
