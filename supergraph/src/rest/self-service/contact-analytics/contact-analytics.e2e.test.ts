import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { asContact, contactWithWallet } from '../../domains/ledger/ledger-test-helpers';

const TEMPLATE = '/self-service/v2/contacts/{id}/analytics';

describe('contact analytics and printout end to end', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();

  async function credit(walletId: string, amount: string, type: string) {
    const r = await p.graphql<any>(
      `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field } } }`,
      { input: { account: { walletId }, amount, currency: 'EUR', type }, key: `analytics-${walletId}-${type}-${amount}` },
    );
    assert.deepEqual(r.body.data?.['ledgerCredit']?.errors, [], r.text);
  }

  before(async () => {
    p = await startTestPlatform('contact-analytics-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it("answers the metrics asked for from the contact's postings this month, in the contract's shape", async () => {
    const alice = await contactWithWallet(p, 'Analytics');
    await credit(alice.wallet.id, '5.00', 'AWARD');
    await credit(alice.wallet.id, '2.50', 'AWARD');
    await credit(alice.wallet.id, '10.00', 'TOP_UP');
    const path = `/self-service/v2/contacts/${alice.id}/analytics?frequency=THIS_MONTH&metrics=WALLET_TOTALS,AWARDS_PER_MONTH,ORDER_TOTALS`;
    let r = await p.http('GET', path, undefined, asContact(alice.id));
    for (
      let i = 0;
      i < 100 && !(r.status === 200 && r.body.awards_per_month?.[0]?.amount === 7.5 && r.body.wallet_totals?.total_top_ups === 10);
      i++
    ) {
      await new Promise((res) => setTimeout(res, 100));
      r = await p.http('GET', path, undefined, asContact(alice.id));
    }
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(validate('GET', TEMPLATE, 200, r.body), []);
    assert.deepEqual(r.body.wallet_totals, { total_top_ups: 10, total_spent: 0, total_sent: 0, total_received: 0 });
    assert.equal(r.body.awards_per_month.length, 1);
    assert.equal(r.body.awards_per_month[0].amount, 7.5);
    assert.equal(r.body.total_orders, 0);
    assert.equal(r.body.redeems_per_month, undefined, 'only the metrics asked for');
    const six = await p.http(
      'GET',
      `/self-service/v2/contacts/${alice.id}/analytics?frequency=LAST_SIX_MONTHS&metrics=REDEEMS_PER_MONTH`,
      undefined,
      asContact(alice.id),
    );
    assert.equal(six.status, 200, six.text);
    assert.deepEqual(validate('GET', TEMPLATE, 200, six.body), []);
    assert.equal(six.body.redeems_per_month.length, 6);
    const ts = six.body.redeems_per_month.map((m: { timestamp: number }) => m.timestamp);
    assert.deepEqual(
      ts,
      [...ts].sort((a, b) => b - a),
      'newest month first',
    );
  });

  it('refuses bad queries naming the parameter, and another contact', async () => {
    const bob = await contactWithWallet(p, 'Other');
    const alice = await contactWithWallet(p, 'Owner');
    const base = `/self-service/v2/contacts/${alice.id}/analytics`;
    for (const [q, field] of [
      ['?metrics=WALLET_TOTALS', 'frequency'],
      ['?frequency=TOMORROW&metrics=WALLET_TOTALS', 'frequency'],
      ['?frequency=THIS_MONTH', 'metrics'],
      ['?frequency=THIS_MONTH&metrics=PROFIT', 'metrics'],
    ] as const) {
      const r = await p.http('GET', `${base}${q}`, undefined, asContact(alice.id));
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.field, field);
    }
    const other = await p.http('GET', `${base}?frequency=THIS_MONTH&metrics=WALLET_TOTALS`, undefined, asContact(bob.id));
    assert.ok([403, 404].includes(other.status), other.text);
  });

  it('printout: only PDF of an order the contact has; others are refused naming the field', async () => {
    const alice = await contactWithWallet(p, 'Printer');
    const me = asContact(alice.id);
    const email = await p.http('POST', '/self-service/v2/printout', { entity: { type: 'ORDERS', id: alice.id }, format: 'EMAIL' }, me);
    assert.equal(email.status, 400, email.text);
    assert.equal(email.body.field, 'format');
    const invoice = await p.http('POST', '/self-service/v2/printout', { entity: { type: 'INVOICE', id: alice.id }, format: 'PDF' }, me);
    assert.equal(invoice.status, 400, invoice.text);
    assert.equal(invoice.body.field, 'entity.type');
    const unknown = await p.http(
      'POST',
      '/self-service/v2/printout',
      { entity: { type: 'ORDERS', id: '0190a000-0000-7000-8000-0000000000ff' }, format: 'PDF' },
      me,
    );
    assert.equal(unknown.status, 404, unknown.text);
  });
});
