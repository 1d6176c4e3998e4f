import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/** What the test reaches of billing-write's built-in TEST gateway (through the launcher's service map, no import of billing code). */
interface TestGatewayHandle {
  chargesMade: number;
  refundsMade: number;
}
interface TestIntentsHandle {
  payoutsMade: number;
  confirm(id: string): unknown;
}

/**
 * Payments, refunds, voids, payouts, intents and hosted pages end to end (REST facade → gateway →
 * billing-write → TEST gateway + ledger → bus → billing-read): money is charged once and posted to
 * the account once, refunds and voids move it back once, payouts debit the wallet once and a
 * refusal reverses the debit; an intent settled twice (webhook redelivery) credits once. Every
 * Self-Service answer is validated against the contract.
 */
describe('billing payments end to end (payments, refunds, payouts, intents, hosted pages)', () => {
  let p: TestPlatform;
  let gateway: TestGatewayHandle;
  let intents: TestIntentsHandle;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  const card = (token: string) => ({
    payment_method_type: 'CARD',
    card: {
      first6: '424242',
      last4: '4242',
      brand: 'VISA',
      expiration_month: 12,
      expiration_year: 2031,
      gateway_token: [{ gateway: 'STRIPE', token }],
    },
  });

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
  const addCard = async (c: Contact, token: string) =>
    ok(
      await p.http('POST', `${SS}/contacts/${c.id}/payment_methods`, card(token), asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/payment_methods',
      200,
    ).id as string;
  const journalTypes = async (c: Contact) => {
    const r = ok(
      await p.http('GET', `${SS}/accounts/${c.account}/journals`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/accounts/{id}/journals',
      200,
    );
    return (r.content as { transaction_type: string; amount: number }[]).map((j) => `${j.transaction_type} ${j.amount}`).sort();
  };
  const balanceOf = async (c: Contact) =>
    ok(await p.http('GET', `${SS}/wallets/${c.wallet}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200)
      .total_balance as number;
  const pay = (c: Contact, method: string, amount: number, key?: string) =>
    p.http(
      'POST',
      `${SS}/payments`,
      { account_id: c.account, amount, payment_method: { id: method, type: 'CARD' } },
      {
        ...asContact(c.id),
        ...(key ? { 'idempotency-key': key } : {}),
      },
    );
  const boPayment = async (id: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await p.http('GET', `${BO}/payments/${id}`);
      if (r.status === 200) return r.body;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`payment ${id} never projected`);
  };

  let ada: Contact;
  let visa: string;
  let declined: string;

  before(async () => {
    p = await startTestPlatform('billing-payments-e2e', { BILLING_GATEWAY: 'TEST', BILLING_GATEWAY_TIMEOUT_MS: '2000' });
    const svc = p.services.get('billing-write') as unknown as { paymentGateway: TestGatewayHandle; gatewayIntents: TestIntentsHandle };
    gateway = svc.paymentGateway;
    intents = svc.gatewayIntents;
    assert.equal(typeof gateway.chargesMade, 'number', 'billing-write runs the built-in TEST gateway');
    ada = await contact('Lovelace');
    visa = await addCard(ada, 'tok_visa');
    declined = await addCard(ada, 'tok_chargeDeclined');
  });
  after(async () => {
    await p?.stop();
  });

  it('a payment charges the card once and credits the account once; a retry with the same key is the same payment', async () => {
    const before = gateway.chargesMade;
    const first = ok(await pay(ada, visa, 25.5, 'payment-key-1'), 'POST', '/self-service/v2/payments', 201);
    const again = ok(await pay(ada, visa, 25.5, 'payment-key-1'), 'POST', '/self-service/v2/payments', 201);
    assert.equal(again.id, first.id);
    assert.equal(gateway.chargesMade, before + 1);
    assert.deepEqual(await journalTypes(ada), ['PAYMENT 25.5']);
    const bo = await boPayment(first.id);
    assert.deepEqual(
      [bo.state, bo.amount, bo.currency_code, bo.account_id, bo.contact_id, bo.refunded_amount],
      ['POSTED', 25.5, 'EUR', ada.account, ada.id, 0],
    );
    assert.ok(bo.ledger_transaction_id && bo.gateway_reference.startsWith('ch_test_'));
  });

  it('a declined card is 400 naming payment_method with the gateway reason, and nothing moves', async () => {
    const before = await journalTypes(ada);
    const r = await pay(ada, declined, 10);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'payment_method');
    assert.match(r.body.message, /declined/i);
    assert.deepEqual(await journalTypes(ada), before);
  });

  it('bad input is 400 naming the field and writes nothing', async () => {
    const neg = await pay(ada, visa, -1);
    assert.equal(neg.status, 400, neg.text);
    assert.equal(neg.body.field, 'amount');
    const decimals = await pay(ada, visa, 1.234);
    assert.equal(decimals.status, 400, decimals.text);
    const massAssign = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: ada.account, amount: 5, payment_method: { id: visa }, balance: 1 },
      asContact(ada.id),
    );
    assert.equal(massAssign.status, 400, massAssign.text);
    const wrongCurrency = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: ada.account, amount: 5, currency_code: 'USD', payment_method: { id: visa } },
      asContact(ada.id),
    );
    assert.equal(wrongCurrency.status, 400, wrongCurrency.text);
    assert.equal(wrongCurrency.body.field, 'currency_code');
  });

  it('the Back-Office refunds part, then the rest; more than is left is 400, a void after a refund is 409', async () => {
    const paid = ok(await pay(ada, visa, 30), 'POST', '/self-service/v2/payments', 201);
    const refundsBefore = gateway.refundsMade;
    const part = await p.http(
      'POST',
      `${BO}/payments/${paid.id}/refunds`,
      { amount: 10, notes: 'broken cup' },
      { 'idempotency-key': 'refund-key-1' },
    );
    assert.equal(part.status, 201, part.text);
    const retried = await p.http(
      'POST',
      `${BO}/payments/${paid.id}/refunds`,
      { amount: 10, notes: 'broken cup' },
      { 'idempotency-key': 'refund-key-1' },
    );
    assert.equal(retried.status, 201, retried.text);
    assert.equal(gateway.refundsMade, refundsBefore + 1, 'the same key refunds once');
    const tooMuch = await p.http('POST', `${BO}/payments/${paid.id}/refunds`, { amount: 20.01 });
    assert.equal(tooMuch.status, 400, tooMuch.text);
    assert.equal(tooMuch.body.field, 'amount');
    const voided = await p.http('POST', `${BO}/payments/${paid.id}/void`, {});
    assert.equal(voided.status, 409, voided.text);
    const rest = await p.http('POST', `${BO}/payments/${paid.id}/refunds`, {});
    assert.equal(rest.status, 201, rest.text);
    const none = await p.http('POST', `${BO}/payments/${paid.id}/refunds`, {});
    assert.equal(none.status, 409, none.text);
    let bo: any;
    for (let i = 0; i < 100; i++) {
      bo = await boPayment(paid.id);
      if (bo.refunds.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual([bo.state, bo.refunded_amount, bo.refunds.map((r: any) => r.amount)], ['REFUNDED', 30, [10, 20]]);
    assert.deepEqual((await journalTypes(ada)).filter((j) => j.startsWith('REFUND')).sort(), ['REFUND 10', 'REFUND 20']);
  });

  it('a void refunds the whole payment and reverses its ledger credit; voiding again is 409', async () => {
    const paid = ok(await pay(ada, visa, 7), 'POST', '/self-service/v2/payments', 201);
    const voided = await p.http('POST', `${BO}/payments/${paid.id}/void`, { notes: 'mistake' });
    assert.equal(voided.status, 201, voided.text);
    const again = await p.http('POST', `${BO}/payments/${paid.id}/void`, {});
    assert.equal(again.status, 409, again.text);
    const missing = await p.http('POST', `${BO}/payments/00000000-0000-4000-8000-000000000000/void`, {});
    assert.equal(missing.status, 404, missing.text);
    let bo: any;
    for (let i = 0; i < 100; i++) {
      bo = await boPayment(paid.id);
      if (bo.state === 'VOIDED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(bo.state, 'VOIDED');
    const list = await p.http('GET', `${BO}/payments?contact_id=${ada.id}&state=VOIDED`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.content.map((x: any) => x.id),
      [paid.id],
    );
  });

  it('a payout debits the wallet once and pays out; short funds are 400 and a refused card reverses the debit', async () => {
    const bob = await contact('Payee');
    const bobVisa = await addCard(bob, 'tok_visa');
    const bobBad = await addCard(bob, 'tok_chargeDeclined');
    ok(
      await p.http('POST', `${SS}/topups`, { wallet_id: bob.wallet, amount: 50, payment_method: { id: bobVisa } }, asContact(bob.id)),
      'POST',
      '/self-service/v2/topups',
      201,
    );
    const paidOut = intents.payoutsMade;
    const body = { wallet_id: bob.wallet, amount: 20, payment_method: { id: bobVisa, type: 'CARD' } };
    const first = ok(
      await p.http('POST', `${SS}/payouts`, body, { ...asContact(bob.id), 'idempotency-key': 'payout-key-1' }),
      'POST',
      '/self-service/v2/payouts',
      201,
    );
    const again = ok(
      await p.http('POST', `${SS}/payouts`, body, { ...asContact(bob.id), 'idempotency-key': 'payout-key-1' }),
      'POST',
      '/self-service/v2/payouts',
      201,
    );
    assert.equal(again.id, first.id);
    assert.equal(intents.payoutsMade, paidOut + 1);
    assert.equal(await balanceOf(bob), 30);
    const short = await p.http('POST', `${SS}/payouts`, { ...body, amount: 100 }, asContact(bob.id));
    assert.equal(short.status, 400, short.text);
    assert.equal(short.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    const refused = await p.http('POST', `${SS}/payouts`, { ...body, payment_method: { id: bobBad, type: 'CARD' } }, asContact(bob.id));
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.field, 'payment_method');
    assert.equal(await balanceOf(bob), 30, 'the refused payout was reversed');
    let list: any;
    for (let i = 0; i < 100; i++) {
      list = (await p.http('GET', `${BO}/payouts?contact_id=${bob.id}`)).body;
      if (list.content.length === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(list.content.map((x: any) => x.state).sort(), ['FAILED', 'FAILED', 'PAID']);
    const one = await p.http('GET', `${BO}/payouts/${first.id}`);
    assert.deepEqual([one.status, one.body.amount, one.body.wallet_id], [200, 20, bob.wallet]);
  });

  it('client token and intent; the intent settled twice (a webhook redelivered) credits the account once', async () => {
    const c = await contact('Intent');
    const token = await p.http('GET', `${SS}/contacts/${c.id}/client_token`, undefined, asContact(c.id));
    ok(token, 'GET', '/self-service/v2/contacts/{id}/client_token', 200);
    assert.match(String(token.headers.get('x-client-token')), /^seti_test_.+_secret_/);
    const intent = ok(
      await p.http('POST', `${SS}/contacts/${c.id}/intents`, { amount: 12, currency_code: 'EUR', capture: 'AUTOMATIC' }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/intents',
      200,
    );
    assert.equal(intent.state, 'PENDING');
    const intentId = intent.parameters.find((x: any) => x.key === 'intent_id').value as string;
    assert.ok(intent.client_secret.startsWith(`${intentId}_secret_`));
    const settle = () =>
      p.graphql(`mutation($id: String!) { settlePaymentIntent(intentId: $id) { payment { id status } errors { code reason message } } }`, {
        id: intentId,
      });
    const early = await settle();
    assert.equal(early.body.data?.['settlePaymentIntent'].errors[0]?.code, 'CONFLICT', JSON.stringify(early.body));
    intents.confirm(intentId);
    const one = await settle();
    const two = await settle();
    const a = one.body.data?.['settlePaymentIntent'];
    const b = two.body.data?.['settlePaymentIntent'];
    assert.deepEqual(a.errors, [], JSON.stringify(one.body));
    assert.equal(a.payment.status, 'POSTED');
    assert.equal(b.payment.id, a.payment.id);
    assert.deepEqual(await journalTypes(c), ['PAYMENT 12']);
    const other = await p.http('POST', `${SS}/contacts/${c.id}/intents`, { amount: 12, currency_code: 'EUR' }, asContact(ada.id));
    assert.equal(other.status, 404, other.text);
  });

  it('hosted pages and forms answer {form_url, form_html}: the TEST gateway page is served by the platform', async () => {
    const me = asContact(ada.id);
    const q = 'amount=9.99&currency_code=EUR&integration_id=test&type=PAYMENT&redirect_url=https%3A%2F%2Fapp.example%2Fdone';
    const page = ok(await p.http('GET', `${SS}/hosted_pages/payments?${q}`, undefined, me), 'GET', '/self-service/v2/hosted_pages/payments', 200);
    assert.equal(page.form_url, `${SS}/hosted_pages/payments?${q}`);
    assert.match(page.form_html, /<form action="https:\/\/app\.example\/done"/);
    assert.match(page.form_html, /9\.99 EUR/);
    assert.doesNotMatch(page.form_html, /\d{13,19}/, 'no card number on the page');
    const html = await p.http('GET', page.form_url, undefined, { ...me, accept: 'text/html' });
    assert.equal(html.status, 200);
    assert.match(String(html.text), /<!doctype html>/);
    for (const [path, template] of [
      [`${SS}/hosted_pages/payment_methods?currency_code=EUR&integration_id=test`, '/self-service/v2/hosted_pages/payment_methods'],
      [`${SS}/hosted_pages/payouts?amount=5&currency_code=EUR&integration_id=test`, '/self-service/v2/hosted_pages/payouts'],
      [`${SS}/payment_forms/card?currency_code=EUR&integration_id=test`, '/self-service/v2/payment_forms/card'],
      [`${SS}/payment_forms/payment?amount=5&currency_code=EUR&integration_id=test&type=TOP_UP`, '/self-service/v2/payment_forms/payment'],
      [`${SS}/payout_forms/payout?amount=5&currency_code=EUR&integration_id=test`, '/self-service/v2/payout_forms/payout'],
    ] as const)
      ok(await p.http('GET', path, undefined, me), 'GET', template, 200);
    const pass = {
      integration_id: 'test',
      amount: 20,
      currency_code: 'EUR',
      pass_plan_id: 'plan-1',
      buyer: { name: 'Ada' },
      beneficiary: { name: 'Grace', email: 'grace@example.com' },
    };
    ok(await p.http('POST', `${SS}/hosted_pages/gift_passes`, pass, me), 'POST', '/self-service/v2/hosted_pages/gift_passes', 200);
    ok(await p.http('POST', `${SS}/payment_forms/pass`, pass, me), 'POST', '/self-service/v2/payment_forms/pass', 200);
    const noCurrency = await p.http('GET', `${SS}/hosted_pages/payments?amount=1&integration_id=test&type=PAYMENT`, undefined, me);
    assert.equal(noCurrency.status, 400, noCurrency.text);
    assert.equal(noCurrency.body.field, 'currency_code');
    const badType = await p.http('GET', `${SS}/hosted_pages/payments?amount=1&currency_code=EUR&integration_id=test&type=GIFT`, undefined, me);
    assert.equal(badType.status, 400, badType.text);
    assert.equal(badType.body.field, 'type');
  });
});
