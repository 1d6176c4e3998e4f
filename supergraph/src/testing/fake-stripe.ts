import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = Record<string, unknown>;

/** Stripe's form encoding (`metadata[k]=v`, `line_items[0][price_data][currency]=eur`) back into objects. */
function parseForm(text: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, '').split('[');
    let at: Obj = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) at[part] = value;
      else at = (at[part] ??= {}) as Obj;
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A local Stripe for tests: answers the calls the billing adapter makes through Stripe's official
 * library the way Stripe documents them (form-encoded requests, JSON objects with `object`,
 * Idempotency-Key replays, card errors as 402 `card_error`, the Search API, customers, setup and
 * payment intents, refunds, Checkout Sessions), and signs webhook events as Stripe does
 * (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`).
 */
export class FakeStripe {
  private readonly server: Server;
  readonly customers: Obj[] = [];
  readonly charges: Obj[] = [];
  readonly intents = new Map<string, Obj>();
  readonly refunds: Obj[] = [];
  readonly sessions: Obj[] = [];
  private readonly replays = new Map<string, { status: number; body: unknown }>();
  chargesMade = 0;
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  /** The payer confirmed the intent (as Stripe.js would): it succeeded (or awaits capture when manual). */
  confirm(intentId: string): Obj {
    const pi = this.intents.get(intentId);
    if (!pi) throw new Error(`no intent ${intentId}`);
    pi['status'] = pi['capture_method'] === 'manual' ? 'requires_capture' : 'succeeded';
    pi['amount_received'] = pi['status'] === 'succeeded' ? pi['amount'] : 0;
    return pi;
  }

  /** A webhook event about an object, its body and Stripe-Signature header signed with `secret`. */
  static signedEvent(secret: string, type: string, object: Obj): { payload: string; signature: string } {
    const payload = JSON.stringify({
      id: id('evt'),
      object: 'event',
      api_version: '2024-06-20',
      created: Math.floor(Date.now() / 1000),
      type,
      data: { object },
    });
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
    return { payload, signature: `t=${t},v1=${v1}` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    let text = '';
    for await (const chunk of req) text += chunk;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(body));
    };
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_'))
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
    const key = req.headers['idempotency-key'] as string | undefined;
    const replayKey = key ? `${req.method} ${url.pathname} ${key}` : null;
    const replay = replayKey ? this.replays.get(replayKey) : undefined;
    if (replay) return send(replay.status, replay.body);
    const answer = this.route(req.method ?? 'GET', url, parseForm(text));
    if (replayKey && req.method === 'POST') this.replays.set(replayKey, answer);
    send(answer.status, answer.body);
  }

  private route(method: string, url: URL, form: Obj): { status: number; body: unknown } {
    const ok = (body: unknown) => ({ status: 200, body });
    const search = (list: Obj[], object: string) => {
      const m = /metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'/.exec(url.searchParams.get('query') ?? '');
      const data = m ? list.filter((o) => (o['metadata'] as Obj)[m[1]!] === m[2]!.replace(/\\'/g, "'")) : [];
      return ok({
        object: 'search_result',
        url: `/v1/${object}/search`,
        has_more: false,
        data: data.slice(0, Number(url.searchParams.get('limit') ?? 10)),
        next_page: null,
      });
    };
    const p = url.pathname;
    if (method === 'GET' && p === '/v1/customers/search') return search(this.customers, 'customers');
    if (method === 'GET' && p === '/v1/charges/search') return search(this.charges, 'charges');
    if (method === 'POST' && p === '/v1/customers') {
      const c = { id: id('cus'), object: 'customer', metadata: form['metadata'] ?? {}, created: 1 };
      this.customers.push(c);
      return ok(c);
    }
    if (method === 'POST' && p === '/v1/setup_intents') {
      const sid = id('seti');
      return ok({
        id: sid,
        object: 'setup_intent',
        client_secret: `${sid}_secret_${randomBytes(8).toString('hex')}`,
        customer: form['customer'],
        status: 'requires_payment_method',
        usage: form['usage'] ?? 'off_session',
      });
    }
    if (method === 'POST' && p === '/v1/payment_intents') {
      const pid = id('pi');
      const pi: Obj = {
        id: pid,
        object: 'payment_intent',
        amount: Number(form['amount']),
        amount_received: 0,
        currency: form['currency'],
        customer: form['customer'] ?? null,
        capture_method: form['capture_method'] ?? 'automatic',
        client_secret: `${pid}_secret_${randomBytes(8).toString('hex')}`,
        status: 'requires_payment_method',
        last_payment_error: null,
        metadata: form['metadata'] ?? {},
        description: form['description'] ?? null,
      };
      this.intents.set(pid, pi);
      return ok(pi);
    }
    const piMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(p);
    if (method === 'GET' && piMatch) {
      const pi = this.intents.get(piMatch[1]!);
      return pi
        ? ok(pi)
        : {
            status: 404,
            body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${piMatch[1]}'` } },
          };
    }
    if (method === 'POST' && p === '/v1/charges') {
      const declined = form['source'] === 'tok_chargeDeclined';
      const charge: Obj = {
        id: id('ch'),
        object: 'charge',
        amount: Number(form['amount']),
        currency: form['currency'],
        status: declined ? 'failed' : 'succeeded',
        paid: !declined,
        failure_code: declined ? 'card_declined' : null,
        failure_message: declined ? 'Your card was declined.' : null,
        metadata: form['metadata'] ?? {},
      };
      this.charges.push(charge);
      if (declined)
        return {
          status: 402,
          body: {
            error: {
              type: 'card_error',
              code: 'card_declined',
              decline_code: 'generic_decline',
              message: 'Your card was declined.',
              charge: charge['id'],
            },
          },
        };
      this.chargesMade++;
      return ok(charge);
    }
    if (method === 'POST' && p === '/v1/refunds') {
      const target = (form['charge'] as string | undefined) ?? (form['payment_intent'] as string | undefined);
      const paid = this.charges.find((c) => c['id'] === target) ?? this.intents.get(String(target));
      if (!paid)
        return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such charge: '${target}'` } } };
      const refund = {
        id: id('re'),
        object: 'refund',
        amount: form['amount'] ? Number(form['amount']) : paid['amount'],
        charge: form['charge'] ?? null,
        payment_intent: form['payment_intent'] ?? null,
        status: 'succeeded',
      };
      this.refunds.push(refund);
      return ok(refund);
    }
    if (method === 'POST' && p === '/v1/checkout/sessions') {
      const cs = id('cs_test');
      const session = {
        id: cs,
        object: 'checkout.session',
        mode: form['mode'],
        url: `https://checkout.stripe.com/c/pay/${cs}`,
        metadata: form['metadata'] ?? {},
        success_url: form['success_url'],
        cancel_url: form['cancel_url'],
        line_items: form['line_items'] ?? null,
      };
      this.sessions.push(session);
      return ok(session);
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${p}).` } } };
  }
}
