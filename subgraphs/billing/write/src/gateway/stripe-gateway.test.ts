import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { StripeGateway, KEY_METADATA } from './stripe-gateway';
import { chargeOnce } from './charge-once';
import { GatewayFailure } from './port';

interface StoredCharge {
  id: string;
  object: 'charge';
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  metadata: Record<string, string>;
  paid: boolean;
}

/**
 * A local server answering the calls the adapter makes the way Stripe documents them
 * (form-encoded requests, Idempotency-Key replays, card errors as 402 `card_error`, the
 * Search API, refunds), so the official library runs unchanged against it.
 */
class FakeStripe {
  server: Server;
  charges: StoredCharge[] = [];
  /** Real charges made (a replayed Idempotency-Key returns the first answer and is not counted). */
  chargesMade = 0;
  byKey = new Map<string, { status: number; body: unknown }>();
  slowNext = 0;
  failNext = 0;
  seenKeys: string[] = [];
  auth: string[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private async body(req: IncomingMessage): Promise<URLSearchParams> {
    let text = '';
    for await (const chunk of req) text += chunk;
    return new URLSearchParams(text);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test' });
      res.end(JSON.stringify(body));
    };
    this.auth.push(String(req.headers.authorization));
    const key = req.headers['idempotency-key'] as string | undefined;
    if (req.method === 'POST' && url.pathname === '/v1/charges') {
      const form = await this.body(req);
      if (key) this.seenKeys.push(key);
      if (this.failNext > 0) {
        this.failNext--;
        return send(500, { error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } });
      }
      const replay = key ? this.byKey.get(key) : undefined;
      let answer = replay;
      if (!answer) {
        const declined = form.get('source') === 'tok_chargeDeclined';
        const charge: StoredCharge = {
          id: `ch_${this.charges.length + 1}`,
          object: 'charge',
          amount: Number(form.get('amount')),
          currency: String(form.get('currency')),
          status: declined ? 'failed' : 'succeeded',
          failure_code: declined ? 'card_declined' : null,
          failure_message: declined ? 'Your card was declined.' : null,
          metadata: { [KEY_METADATA]: String(form.get(`metadata[${KEY_METADATA}]`)) },
          paid: !declined,
        };
        this.charges.push(charge);
        if (!declined) this.chargesMade++;
        answer = declined
          ? {
              status: 402,
              body: {
                error: {
                  type: 'card_error',
                  code: 'card_declined',
                  decline_code: 'generic_decline',
                  message: 'Your card was declined.',
                  charge: charge.id,
                },
              },
            }
          : { status: 200, body: charge };
        if (key) this.byKey.set(key, answer);
      }
      if (this.slowNext > 0) {
        this.slowNext--;
        await new Promise((r) => setTimeout(r, 1500));
      }
      return send(answer.status, answer.body);
    }
    if (req.method === 'GET' && url.pathname === '/v1/charges/search') {
      const m = /metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'/.exec(url.searchParams.get('query') ?? '');
      const data = m ? this.charges.filter((c) => c.metadata[m[1]!] === m[2]!.replace(/\\'/g, "'")) : [];
      return send(200, { object: 'search_result', url: '/v1/charges/search', has_more: false, data: data.slice(0, 1), next_page: null });
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const form = await this.body(req);
      return send(200, { id: `re_${form.get('charge')}`, object: 'refund', charge: form.get('charge'), status: 'succeeded' });
    }
    send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname}).` } });
  }
}

describe('the Stripe adapter (official library) against a local Stripe', () => {
  const fake = new FakeStripe();
  let gateway: StripeGateway;
  const secret = 'whsec_test_secret';

  before(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    const { port } = fake.server.address() as AddressInfo;
    gateway = new StripeGateway({ secretKey: 'sk_test_123', apiBase: `http://127.0.0.1:${port}`, webhookSecret: secret, timeoutMs: 5000 });
  });
  after(() => new Promise<void>((r) => fake.server.close(() => r())));

  const req = (token: string, key: string) => ({ amountMinor: 2550n, currency: 'EUR', token, description: 'Top-up', idempotencyKey: key });

  it('charges tok_visa in minor units with the secret key and the idempotency key; the same key is a replay', async () => {
    const a = await gateway.charge(req('tok_visa', 'topup:1:charge'));
    const b = await gateway.charge(req('tok_visa', 'topup:1:charge'));
    assert.deepEqual(a, { id: 'ch_1', status: 'succeeded' });
    assert.deepEqual(b, a);
    assert.equal(fake.chargesMade, 1);
    assert.deepEqual(fake.seenKeys, ['topup:1:charge', 'topup:1:charge']);
    assert.equal(fake.charges[0]!.amount, 2550);
    assert.equal(fake.charges[0]!.currency, 'eur');
    assert.ok(fake.auth.every((h) => h === 'Bearer sk_test_123'));
  });

  it('a card error is a decline with Stripe’s code and message, not a failure', async () => {
    const d = await gateway.charge(req('tok_chargeDeclined', 'topup:2:charge'));
    assert.deepEqual(d, { id: 'ch_2', status: 'declined', code: 'generic_decline', reason: 'Your card was declined.' });
  });

  it('a lost answer is found with the Search API by the key’s metadata, never charged again', async () => {
    fake.slowNext = 1;
    const before = fake.chargesMade;
    const sent = fake.seenKeys.length;
    const found = await chargeOnce(gateway, req('tok_visa', 'topup:3:charge'), { timeoutMs: 200, lookups: 3, lookupDelayMs: 50 });
    assert.equal(found?.status, 'succeeded');
    assert.equal(fake.chargesMade - before, 1);
    assert.equal(fake.seenKeys.length - sent, 1, 'the charge was sent once');
    assert.equal(await gateway.findCharge('topup:none:charge'), null);
  });

  it('a 5xx is a retriable failure (nothing charged); refunds carry their own key', async () => {
    fake.failNext = 1;
    const before = fake.chargesMade;
    await assert.rejects(gateway.charge(req('tok_visa', 'topup:4:charge')), (e: unknown) => e instanceof GatewayFailure && e.retriable);
    assert.equal(fake.chargesMade, before);
    assert.deepEqual(await gateway.refund('ch_1', 'topup:1:refund'), { id: 're_ch_1' });
  });

  it('verifies a signed webhook with the library; a tampered body or another secret is refused', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1', object: 'charge' } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const event = gateway.verifyWebhook(payload, header);
    assert.equal(event.type, 'charge.succeeded');
    assert.throws(() => gateway.verifyWebhook(payload.replace('ch_1', 'ch_9'), header), /signature/i);
    const other = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' });
    assert.throws(() => gateway.verifyWebhook(payload, other), /signature/i);
  });
});
