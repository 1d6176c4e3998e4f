import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The payments isolation matrix: another tenant, another contact, a back-office user without
 * billing permissions and mass assignment never pay from, pay into, pay out of, refund, read or
 * open intents on another's money. Nothing moves in any refused case.
 */
describe('payments isolation (tenants, contacts, roles, mass assignment)', () => {
  let p: TestPlatform;
  const asContact = (id: string, tenant?: string) => ({ 'x-dev-principal': `contact:${id}`, ...(tenant ? { 'x-dev-tenant': tenant } : {}) });
  interface Contact {
    id: string;
    wallet: string;
    account: string;
    card: string;
  }
  async function contact(lastName: string): Promise<Contact> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 300; i++) {
      const read = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id));
      const accounts = await p.http('GET', `${SS}/contacts/${id}/accounts`, undefined, asContact(id));
      if (read.status === 200 && read.body.wallet && accounts.status === 200 && accounts.body.content.length) {
        const card = await p.http(
          'POST',
          `${SS}/contacts/${id}/payment_methods`,
          {
            payment_method_type: 'CARD',
            card: { first6: '424242', last4: '4242', expiration_month: 12, expiration_year: 2031, gateway_token: [{ token: 'tok_visa' }] },
          },
          asContact(id),
        );
        assert.equal(card.status, 200, card.text);
        return { id, wallet: read.body.wallet.id, account: accounts.body.content[0].id, card: card.body.id };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no wallet for ${id}`);
  }
  const journals = async (c: Contact) =>
    (await p.http('GET', `${SS}/accounts/${c.account}/journals`, undefined, asContact(c.id))).body.content.length as number;
  const balance = async (c: Contact) => (await p.http('GET', `${SS}/wallets/${c.wallet}`, undefined, asContact(c.id))).body.total_balance as number;

  let alice: Contact;
  let bob: Contact;
  let alicePayment: string;

  before(async () => {
    p = await startTestPlatform('payments-isolation');
    [alice, bob] = await Promise.all([contact('Alice'), contact('Bob')]);
    const paid = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: alice.account, amount: 10, payment_method: { id: alice.card } },
      asContact(alice.id),
    );
    assert.equal(paid.status, 201, paid.text);
    alicePayment = paid.body.id;
    const topup = await p.http(
      'POST',
      `${SS}/topups`,
      { wallet_id: alice.wallet, amount: 20, payment_method: { id: alice.card } },
      asContact(alice.id),
    );
    assert.equal(topup.status, 201, topup.text);
  });
  after(async () => {
    await p?.stop();
  });

  it('a contact cannot pay into, pay out of, open intents or get client tokens for another contact (404, nothing moves)', async () => {
    const before = [await journals(alice), await balance(alice)];
    const payInto = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: alice.account, amount: 5, payment_method: { id: bob.card } },
      asContact(bob.id),
    );
    assert.equal(payInto.status, 404, payInto.text);
    const withHerCard = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: bob.account, amount: 5, payment_method: { id: alice.card } },
      asContact(bob.id),
    );
    assert.equal(withHerCard.status, 404, withHerCard.text);
    const payOut = await p.http(
      'POST',
      `${SS}/payouts`,
      { wallet_id: alice.wallet, amount: 5, payment_method: { id: bob.card, type: 'CARD' } },
      asContact(bob.id),
    );
    assert.equal(payOut.status, 404, payOut.text);
    const toHisCard = await p.http('POST', `${SS}/payouts`, { wallet_id: alice.wallet, amount: 5, payment_method: { id: bob.card, type: 'CARD' } });
    // even the secret key pays out only to the wallet owner's method
    assert.equal(toHisCard.status, 404, toHisCard.text);
    const intent = await p.http('POST', `${SS}/contacts/${alice.id}/intents`, { amount: 5, currency_code: 'EUR' }, asContact(bob.id));
    assert.equal(intent.status, 404, intent.text);
    const token = await p.http('GET', `${SS}/contacts/${alice.id}/client_token`, undefined, asContact(bob.id));
    assert.equal(token.status, 404, token.text);
    assert.deepEqual([await journals(alice), await balance(alice)], before);
  });

  it('another tenant sees none of it and moves nothing', async () => {
    const other = `${p.tenant}-other`;
    const pay = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: alice.account, amount: 5, payment_method: { id: alice.card } },
      { 'x-dev-tenant': other },
    );
    assert.equal(pay.status, 404, pay.text);
    const payout = await p.http(
      'POST',
      `${SS}/payouts`,
      { wallet_id: alice.wallet, amount: 5, payment_method: { id: alice.card, type: 'CARD' } },
      { 'x-dev-tenant': other },
    );
    assert.equal(payout.status, 404, payout.text);
    const get = await p.http('GET', `${BO}/payments/${alicePayment}`, undefined, { 'x-dev-tenant': other });
    assert.equal(get.status, 404, get.text);
    const list = await p.http('GET', `${BO}/payments`, undefined, { 'x-dev-tenant': other });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.body.content, []);
    const refund = await p.http('POST', `${BO}/payments/${alicePayment}/refunds`, {}, { 'x-dev-tenant': other });
    assert.equal(refund.status, 404, refund.text);
    const voided = await p.http('POST', `${BO}/payments/${alicePayment}/void`, {}, { 'x-dev-tenant': other });
    assert.equal(voided.status, 404, voided.text);
    const intent = await p.http('POST', `${SS}/contacts/${alice.id}/intents`, { amount: 5, currency_code: 'EUR' }, asContact(alice.id, other));
    assert.equal(intent.status, 404, intent.text);
    assert.equal(await journals(alice), 1);
  });

  it('roles: without billing.read / billing.write the Back-Office reads and refunds nothing; a contact cannot refund', async () => {
    const agent = { 'x-dev-principal': 'user:contacts.read,ledger.read' };
    for (const path of [`${BO}/payments`, `${BO}/payments/${alicePayment}`, `${BO}/payouts`]) {
      const r = await p.http('GET', path, undefined, agent);
      assert.equal(r.status, 403, `${path}: ${r.text}`);
    }
    const reader = { 'x-dev-principal': 'user:billing.read' };
    const refund = await p.http('POST', `${BO}/payments/${alicePayment}/refunds`, {}, reader);
    assert.equal(refund.status, 403, refund.text);
    const byContact = await p.http('POST', `${BO}/payments/${alicePayment}/void`, {}, asContact(alice.id));
    assert.equal(byContact.status, 403, byContact.text);
    const pay = await p.http('POST', `${SS}/payments`, { account_id: alice.account, amount: 5, payment_method: { id: alice.card } }, agent);
    assert.equal(pay.status, 403, pay.text);
    const settle = await p.graphql(`mutation { settlePaymentIntent(intentId: "pi_x") { errors { code } } }`, {}, asContact(alice.id));
    assert.ok(
      settle.body.errors?.length || settle.body.data?.['settlePaymentIntent']?.errors?.[0]?.code === 'FORBIDDEN',
      JSON.stringify(settle.body),
    );
    const got = await p.http('GET', `${BO}/payments/${alicePayment}`);
    assert.equal(got.body.state, 'POSTED', 'nothing was refunded');
  });

  it('mass assignment: ids, owners, states and balances in the body are refused or ignored', async () => {
    const state = await p.http(
      'POST',
      `${SS}/payments`,
      { account_id: alice.account, amount: 5, payment_method: { id: alice.card }, status: 'POSTED' },
      asContact(alice.id),
    );
    assert.equal(state.status, 400, state.text);
    const owner = await p.http('POST', `${SS}/payments`, {
      account_id: alice.account,
      contact_id: bob.id,
      amount: 5,
      payment_method: { id: alice.card },
    });
    // the account is not the named contact's
    assert.equal(owner.status, 404, owner.text);
    const payoutExtra = await p.http(
      'POST',
      `${SS}/payouts`,
      { wallet_id: alice.wallet, amount: 1, payment_method: { id: alice.card, type: 'CARD' }, contact_id: bob.id },
      asContact(alice.id),
    );
    assert.equal(payoutExtra.status, 400, payoutExtra.text);
    const refundExtra = await p.http('POST', `${BO}/payments/${alicePayment}/refunds`, { amount: 1, state: 'VOIDED' });
    assert.equal(refundExtra.status, 400, refundExtra.text);
    assert.equal(await balance(alice), 20);
  });
});
