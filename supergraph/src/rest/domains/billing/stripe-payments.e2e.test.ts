import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { FakeStripe } from '../../../testing/fake-stripe';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const WEBHOOK_SECRET = 'whsec_test_payments';

/**
 * The Stripe gateway end to end: billing-write runs Stripe's official library against a local
 * Stripe (FakeStripe) answering as Stripe documents. A contact's intent is a PaymentIntent of its
 * Stripe customer; the signed `payment_intent.succeeded` webhook, delivered twice, posts ONE payment
 * (credited once); a forged signature moves nothing; payments charge once and refund through
 * Stripe; hosted pages are Stripe Checkout; payouts to cards are refused before anything moves.
 */
describe('billing on the Stripe gateway (official library, local Stripe)', () => {
  let p: TestPlatform;
  const stripe = new FakeStripe();
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  interface Contact {
    id: string;
    wallet: string;
    account: string;
  }
  async function contact(lastName: string): Promise<Contact> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 300; i++) {
      const read = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id));
      const accounts = await p.http('GET', `${SS}/contacts/${id}/accounts`, undefined, asContact(id));
      if (read.status === 200 && read.body.wallet && accounts.status === 200 && accounts.body.content.length)
        return { id, wallet: read.body.wallet.id, account: accounts.body.content[0].id };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no wallet or account for contact ${id}`);
  }
  const journalTypes = async (c: Contact) =>
    (
      ok(
        await p.http('GET', `${SS}/accounts/${c.account}/journals`, undefined, asContact(c.id)),
        'GET',
        '/self-service/v2/accounts/{id}/journals',
        200,
      ).content as { transaction_type: string; amount: number }[]
    )
      .map((j) => `${j.transaction_type} ${j.amount}`)
      .sort();
  const webhook = (payload: string, signature: string) =>
    p.graphql(
      `mutation($payload: String!, $signature: String!) { receiveStripeWebhook(payload: $payload, signature: $signature) { handled paymentId errors { code reason field message } } }`,
      { payload, signature },
    );

  before(async () => {
    const base = await stripe.start();
    p = await startTestPlatform('billing-stripe-e2e', {
      BILLING_GATEWAY: 'STRIPE',
      STRIPE_SECRET_KEY: 'sk_test_payments',
      STRIPE_API_BASE: base,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      BILLING_GATEWAY_TIMEOUT_MS: '3000',
    });
  });
  after(async () => {
    await p?.stop();
    await stripe.stop();
  });

  it('an intent of the contact’s Stripe customer, settled by its signed webhook delivered twice, posts one payment once', async () => {
    const c = await contact('Stripe');
    const token = await p.http('GET', `${SS}/contacts/${c.id}/client_token`, undefined, asContact(c.id));
    ok(token, 'GET', '/self-service/v2/contacts/{id}/client_token', 200);
    assert.match(String(token.headers.get('x-client-token')), /^seti_[0-9a-f]+_secret_/);
    const intent = ok(
      await p.http('POST', `${SS}/contacts/${c.id}/intents`, { amount: 15.25, currency_code: 'EUR', capture: 'AUTOMATIC' }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/intents',
      200,
    );
    const intentId = intent.parameters[0].value as string;
    const pi = stripe.intents.get(intentId)!;
    assert.deepEqual([pi['amount'], pi['currency'], (pi['metadata'] as any).crm_contact_id], [1525, 'eur', c.id]);
    assert.equal(stripe.customers.length, 1, 'the contact is one Stripe customer (found again by its metadata)');

    const forged = FakeStripe.signedEvent('whsec_someone_else', 'payment_intent.succeeded', stripe.confirm(intentId));
    const refused = await webhook(forged.payload, forged.signature);
    assert.equal(refused.body.data?.['receiveStripeWebhook'].errors[0]?.reason, 'WEBHOOK_SIGNATURE_INVALID', JSON.stringify(refused.body));

    const event = FakeStripe.signedEvent(WEBHOOK_SECRET, 'payment_intent.succeeded', stripe.confirm(intentId));
    const first = (await webhook(event.payload, event.signature)).body.data?.['receiveStripeWebhook'];
    const again = (await webhook(event.payload, event.signature)).body.data?.['receiveStripeWebhook'];
    assert.deepEqual(first.errors, [], JSON.stringify(first));
    assert.equal(first.handled, true);
    assert.equal(again.paymentId, first.paymentId, 'a redelivered webhook is the same payment');
    assert.deepEqual(await journalTypes(c), ['PAYMENT 15.25'], 'credited once');

    const other = FakeStripe.signedEvent(WEBHOOK_SECRET, 'customer.created', { id: 'cus_x', object: 'customer' });
    assert.equal((await webhook(other.payload, other.signature)).body.data?.['receiveStripeWebhook'].handled, false);
  });

  it('a payment charges through Stripe once; a refund goes through Stripe with its amount', async () => {
    const c = await contact('Charged');
    const visa = ok(
      await p.http(
        'POST',
        `${SS}/contacts/${c.id}/payment_methods`,
        {
          payment_method_type: 'CARD',
          card: {
            first6: '424242',
            last4: '4242',
            expiration_month: 12,
            expiration_year: 2031,
            gateway_token: [{ gateway: 'STRIPE', token: 'tok_visa' }],
          },
        },
        asContact(c.id),
      ),
      'POST',
      '/self-service/v2/contacts/{id}/payment_methods',
      200,
    ).id;
    const made = stripe.chargesMade;
    const body = { account_id: c.account, amount: 40, payment_method: { id: visa, type: 'CARD' } };
    const paid = ok(
      await p.http('POST', `${SS}/payments`, body, { ...asContact(c.id), 'idempotency-key': 'stripe-payment-1' }),
      'POST',
      '/self-service/v2/payments',
      201,
    );
    ok(
      await p.http('POST', `${SS}/payments`, body, { ...asContact(c.id), 'idempotency-key': 'stripe-payment-1' }),
      'POST',
      '/self-service/v2/payments',
      201,
    );
    assert.equal(stripe.chargesMade, made + 1);
    const refund = await p.http('POST', `${BO}/payments/${paid.id}/refunds`, { amount: 15 });
    assert.equal(refund.status, 201, refund.text);
    assert.equal(stripe.refunds.at(-1)!['amount'], 1500);
    assert.deepEqual(await journalTypes(c), ['PAYMENT 40', 'REFUND 15']);
    const payout = await p.http(
      'POST',
      `${SS}/payouts`,
      { wallet_id: c.wallet, amount: 1, payment_method: { id: visa, type: 'CARD' } },
      asContact(c.id),
    );
    assert.equal(payout.status, 400, payout.text);
    assert.equal(payout.body.field, 'payment_method');
  });

  it('hosted pages are Stripe Checkout sessions', async () => {
    const c = await contact('Checkout');
    const page = ok(
      await p.http(
        'GET',
        `${SS}/hosted_pages/payments?amount=9.5&currency_code=EUR&integration_id=stripe&type=PAYMENT&redirect_url=https%3A%2F%2Fapp.example%2Fok`,
        undefined,
        asContact(c.id),
      ),
      'GET',
      '/self-service/v2/hosted_pages/payments',
      200,
    );
    assert.match(page.form_url, /^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const session = stripe.sessions.at(-1)! as any;
    assert.deepEqual(
      [session.mode, session.success_url, session.line_items['0'].price_data.unit_amount],
      ['payment', 'https://app.example/ok', '950'],
    );
    const card = ok(
      await p.http('GET', `${SS}/payment_forms/card?currency_code=EUR&integration_id=stripe`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/payment_forms/card',
      200,
    );
    assert.match(card.form_url, /checkout\.stripe\.com/);
    assert.equal((stripe.sessions.at(-1) as any).mode, 'setup');
  });
});
