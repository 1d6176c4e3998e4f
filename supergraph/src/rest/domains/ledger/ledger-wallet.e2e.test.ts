import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { asContact, contactWithWallet } from './ledger-test-helpers';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The rest of the ledger's Self-Service (wallet settings, limits, rotating code, totals, commerce
 * balances, transactions, account create/update, commerce pool actions, bulk transfers,
 * settlement) and its Back-Office (accounts, commerce pools, default limits), end to end: every
 * Self-Service answer validates against the contract; bad input is 4xx naming the field, nothing moves.
 */
describe('ledger end to end (wallet settings, accounts, commerce pools, bulk transfers, settlement)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };

  async function credit(walletId: string, amount: string, extra: Record<string, unknown> = {}) {
    const r = await p.graphql(
      `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id } errors { code reason field } } }`,
      { input: { account: { walletId }, amount, currency: 'EUR', type: 'AWARD', ...extra }, key: `credit-${walletId}-${amount}-${Math.random()}` },
    );
    assert.deepEqual(r.body.data?.['ledgerCredit']?.errors, [], r.text);
  }

  /** Polls a read until `done` holds (the read model follows the write asynchronously for other callers). */
  async function eventually<T>(read: () => Promise<T>, done: (t: T) => boolean): Promise<T> {
    let last: T = await read();
    for (let i = 0; i < 100 && !done(last); i++) {
      await new Promise((r) => setTimeout(r, 100));
      last = await read();
    }
    return last;
  }

  before(async () => {
    p = await startTestPlatform('ledger-wallet-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('wallet settings, limits (enforced), a rotating code, transactions, summarised totals and as_of balances', async () => {
    const a = await contactWithWallet(p, 'Settings');
    const b = await contactWithWallet(p, 'Receiver');
    const me = asContact(a.id);
    await credit(a.wallet.id, '50.00');
    const at = Math.floor(Date.now() / 1000);

    // top-up settings
    const put = ok(
      await p.http(
        'PUT',
        `${SS}/wallets/${a.wallet.id}`,
        { auto_topup: { threshold: 5, amount: 20.5, payment_method: { type: 'CARD', id: 'pm-1' } } },
        me,
      ),
      'PUT',
      '/self-service/v2/wallets/{id}',
      200,
    );
    assert.equal(put.id, a.wallet.id);
    const topup = ok(
      await p.http('GET', `${SS}/wallets/${a.wallet.id}/topup_settings`, undefined, me),
      'GET',
      '/self-service/v2/wallets/{id}/topup_settings',
      200,
    );
    assert.deepEqual(topup, {
      auto_topup: { threshold: 5, amount: 20.5, currency_code: 'EUR', payment_method: { type: 'CARD', identity: { id: 'pm-1' } } },
    });
    const badTopup = await p.http(
      'PUT',
      `${SS}/wallets/${a.wallet.id}`,
      { auto_topup: { threshold: 5, amount: 1.001, payment_method: { type: 'CARD' } } },
      me,
    );
    assert.equal(badTopup.status, 400, badTopup.text);
    assert.equal(badTopup.body.field, 'auto_topup.amount');

    // limits: a contact cannot set its own; the back office can; the daily transfer limit is enforced
    const rules = { limit_rules: [{ applies_for: ['TRANSFER'], currency_code: 'EUR', maximum_amount: 15, period: 'DAILY' }] };
    const byContact = await p.http('PUT', `${SS}/wallets/${a.wallet.id}/limits`, rules, me);
    assert.equal(byContact.status, 403, byContact.text);
    ok(await p.http('PUT', `${SS}/wallets/${a.wallet.id}/limits`, rules), 'PUT', '/self-service/v2/wallets/{id}/limits', 200);
    // another caller's write: the contact's read follows once projected
    const limits = ok(
      await eventually(
        () => p.http('GET', `${SS}/wallets/${a.wallet.id}/limits`, undefined, me),
        (r) => (r.body as { limit_rules?: unknown[] })?.limit_rules?.length === 1,
      ),
      'GET',
      '/self-service/v2/wallets/{id}/limits',
      200,
    );
    assert.deepEqual(
      limits.limit_rules.map((r: any) => [r.applies_for, r.maximum_amount, r.period]),
      [[['TRANSFER'], 15, 'DAILY']],
    );
    const send = (amount: number, origin = a.wallet.id) =>
      p.http('POST', `${SS}/transfers`, { origin: { wallet_id: origin }, destination: { wallet_id: b.wallet.id }, amount }, me);
    ok(await send(10), 'POST', '/self-service/v2/transfers', 201);
    const over = await send(5.01);
    assert.equal(over.status, 400, over.text);
    assert.equal(over.body.field, 'amount');

    // a rotating code names the wallet: a transfer from it; each call rotates
    const code = ok(await p.http('GET', `${SS}/wallets/${a.wallet.id}/code`, undefined, me), 'GET', '/self-service/v2/wallets/{id}/code', 200);
    assert.match(code.code, /^\d{16}$/);
    assert.notEqual(code.code, a.wallet.code);
    const next = ok(await p.http('GET', `${SS}/wallets/${a.wallet.id}/code`, undefined, me), 'GET', '/self-service/v2/wallets/{id}/code', 200);
    assert.notEqual(next.code, code.code);
    ok(await send(5, next.code), 'POST', '/self-service/v2/transfers', 201);
    const foreignCode = await p.http('GET', `${SS}/wallets/${a.wallet.id}/code`, undefined, asContact(b.id));
    assert.equal(foreignCode.status, 404, foreignCode.text);

    // transactions (per pocket, CREDIT/DEBIT) and summarised totals
    const tx = ok(
      await p.http('GET', `${SS}/wallets/${a.wallet.id}/transactions?include_total=true&pocket=CRMCOM`, undefined, me),
      'GET',
      '/self-service/v2/wallets/{id}/transactions',
      200,
    );
    assert.equal(tx.paging.total, 3);
    assert.deepEqual(
      tx.content.map((t: any) => [t.type, t.amount, t.pocket]),
      [
        ['DEBIT', 5, 'CRMCOM'],
        ['DEBIT', 10, 'CRMCOM'],
        ['CREDIT', 50, 'CRMCOM'],
      ],
    );
    const credits = ok(
      await p.http('GET', `${SS}/wallets/${a.wallet.id}/transactions?type=CREDIT&order=ASC&include_total=true`, undefined, me),
      'GET',
      '/self-service/v2/wallets/{id}/transactions',
      200,
    );
    assert.equal(credits.paging.total, 1);
    const badPocket = await p.http('GET', `${SS}/wallets/${a.wallet.id}/transactions?pocket=CASH`, undefined, me);
    assert.equal(badPocket.status, 400, badPocket.text);
    assert.equal(badPocket.body.field, 'pocket');
    const totals = ok(
      await p.http('GET', `${SS}/wallets/${a.wallet.id}/summarised_totals`, undefined, me),
      'GET',
      '/self-service/v2/wallets/{id}/summarised_totals',
      200,
    );
    const total = (type: string) => totals.wallet_totals.find((t: any) => t.type === type)?.total;
    assert.deepEqual([total('AWARDED'), total('SENT'), total('RECEIVED'), total('TOP_UP')], [50, 15, 0, 0]);
    const received = ok(
      await p.http('GET', `${SS}/wallets/${b.wallet.id}/summarised_totals?posted_on[gte]=${at - 60}`, undefined, asContact(b.id)),
      'GET',
      '/self-service/v2/wallets/{id}/summarised_totals',
      200,
    );
    assert.equal(received.wallet_totals.find((t: any) => t.type === 'RECEIVED').total, 15);

    // as_of (our extension): before the credit, nothing
    const then = await p.http('GET', `${SS}/wallets/${a.wallet.id}?as_of=${at - 3600}`, undefined, me);
    assert.equal(then.status, 200, then.text);
    assert.equal(then.body.total_balance, 0);
    const now = ok(await p.http('GET', `${SS}/wallets/${a.wallet.id}`, undefined, me), 'GET', '/self-service/v2/wallets/{id}', 200);
    assert.equal(now.total_balance, 35);
    const badAsOf = await p.http('GET', `${SS}/wallets/${a.wallet.id}?as_of=yesterday`, undefined, me);
    assert.equal(badAsOf.status, 400, badAsOf.text);
    assert.equal(badAsOf.body.field, 'as_of');
  });

  it('contact accounts: add one (primary moves), update it, credit limit in the back office, as_of', async () => {
    const c = await contactWithWallet(p, 'Accounts');
    const me = asContact(c.id);
    const added = ok(
      await p.http('POST', `${SS}/contacts/${c.id}/accounts`, { currency_code: 'USD', name: 'Dollars', is_primary: true }, me),
      'POST',
      '/self-service/v2/contacts/{id}/accounts',
      201,
    );
    const list = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/accounts?include_total=true`, undefined, me),
      'GET',
      '/self-service/v2/contacts/{id}/accounts',
      200,
    );
    assert.equal(list.paging.total, 2);
    assert.deepEqual(
      list.content.map((a: any) => [a.id === added.id, a.currency_code, a.is_primary]),
      [
        [true, 'USD', true],
        [false, 'EUR', false],
      ],
    );
    const eur = list.content[1].id as string;
    ok(
      await p.http('PUT', `${SS}/accounts/${eur}`, { is_primary: true, classification_id: 'retail' }, me),
      'PUT',
      '/self-service/v2/accounts/{id}',
      200,
    );
    const unprimary = await p.http('PUT', `${SS}/accounts/${eur}`, { is_primary: false }, me);
    assert.equal(unprimary.status, 400, unprimary.text);
    assert.equal(unprimary.body.field, 'is_primary');
    const massAssign = await p.http('PUT', `${SS}/accounts/${eur}`, { balance: 1000 }, me);
    assert.equal(massAssign.status, 400, massAssign.text);
    const got = ok(await p.http('GET', `${SS}/accounts/${eur}`, undefined, me), 'GET', '/self-service/v2/accounts/{id}', 200);
    assert.deepEqual([got.is_primary, got.classification, got.credit_limit], [true, { id: 'retail' }, 0]);
    const badCurrency = await p.http('POST', `${SS}/contacts/${c.id}/accounts`, { currency_code: 'XXQ' }, me);
    assert.equal(badCurrency.status, 400, badCurrency.text);
    assert.equal(badCurrency.body.field, 'currency_code');

    // back office: a credit limit lets the account go below zero, not further
    const bo = await p.http('POST', `${BO}/contacts/${c.id}/accounts`, { currency_code: 'GBP', credit_limit: 10, payment_terms_id: 'net30' });
    assert.equal(bo.status, 201, bo.text);
    const gbp = bo.body.id as string;
    const spend = (amount: number) =>
      p.http('POST', `${BO}/contacts/${c.id}/journals`, { action: 'DEBIT', entity: 'ACCOUNT', amount, currency_code: 'GBP' });
    assert.equal((await spend(10)).status, 201);
    const beyond = await spend(0.01);
    assert.equal(beyond.status, 400, beyond.text);
    const lower = await p.http('PUT', `${BO}/accounts/${gbp}`, { credit_limit: 5 });
    assert.equal(lower.status, 400, lower.text);
    assert.equal(lower.body.field, 'credit_limit');
    const account = await eventually(
      () => p.http('GET', `${BO}/accounts/${gbp}`),
      (r) => r.body?.balance === -10,
    );
    assert.deepEqual(
      [account.body.balance, account.body.credit_limit, account.body.payment_terms_id, account.body.is_primary],
      [-10, 10, 'net30', false],
    );
    const before = await p.http('GET', `${BO}/accounts/${gbp}?as_of=${Math.floor(Date.now() / 1000) - 3600}`);
    assert.equal(before.body.balance, 0, before.text);
  });

  it('commerce pools: defined in the back office, activated by the contact, balances per pool', async () => {
    const c = await contactWithWallet(p, 'Pools');
    const me = asContact(c.id);
    const created = await p.http('POST', `${BO}/commerce_pools`, {
      name: 'Coffee',
      requires_activation: true,
      restrictions: { organisations: ['shop-1'], product_categories: ['drinks'], validity: { from: 1_700_000_000 } },
    });
    assert.equal(created.status, 201, created.text);
    const pool = created.body.id as string;
    const bad = await p.http('POST', `${BO}/commerce_pools`, { name: 'Bad', restrictions: { validity: { from: 2_000_000_000, to: 1_900_000_000 } } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'restrictions.validity.to');
    await credit(c.wallet.id, '4.00', { account: { walletId: c.wallet.id, commercePoolId: pool } });
    const balances = async () =>
      ok(
        await p.http('GET', `${SS}/wallets/${c.wallet.id}/commerce_balances?include_expiration=true&commerce_pool_id=${pool}`, undefined, me),
        'GET',
        '/self-service/v2/wallets/{id}/commerce_balances',
        200,
      );
    const first = await eventually(balances, (b) => b.content[0]?.amount === 4);
    assert.deepEqual(
      [first.content[0].name, first.content[0].amount, first.content[0].is_active, first.content[0].applicable_for_activation],
      ['Coffee', 4, false, true],
    );
    ok(
      await p.http('PUT', `${SS}/commerce_pools/${pool}/actions`, { action: 'ACTIVATE' }, me),
      'PUT',
      '/self-service/v2/commerce_pools/{id}/actions',
      200,
    );
    const activated = await balances();
    assert.equal(activated.content[0].is_active, true);
    const badAction = await p.http('PUT', `${SS}/commerce_pools/${pool}/actions`, { action: 'DELETE' }, me);
    assert.equal(badAction.status, 400, badAction.text);
    assert.equal(badAction.body.field, 'action');
    const unknown = await p.http('PUT', `${SS}/commerce_pools/00000000-0000-4000-8000-000000000000/actions`, { action: 'ACTIVATE' }, me);
    assert.equal(unknown.status, 404, unknown.text);
    const listed = await p.http('GET', `${BO}/commerce_pools/${pool}`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.restrictions, { organisations: ['shop-1'], product_categories: ['drinks'], validity: { from: 1_700_000_000 } });
  });

  it('bulk transfers: all validated first, posted as one unit (all or none), once per Idempotency-Key; settlement transactions and metrics', async () => {
    const a = await contactWithWallet(p, 'Bulk');
    const b = await contactWithWallet(p, 'BulkTo');
    await credit(a.wallet.id, '20.00');
    const item = (amount: number) => ({ origin: { wallet_id: a.wallet.id }, destination: { wallet_id: b.wallet.id }, amount });
    const invalidItem = await p.http('POST', `${SS}/transfers/bulk`, [item(1), item(0)], { 'idempotency-key': `bulk-bad-${a.id}` });
    assert.equal(invalidItem.status, 400, invalidItem.text);
    assert.equal(invalidItem.body.field, '1.amount');
    const headers = { 'idempotency-key': `bulk-${a.id}` };
    const done = await p.http('POST', `${SS}/transfers/bulk`, [item(1), item(2.5)], headers);
    assert.equal(done.status, 204, done.text);
    assert.deepEqual(validate('POST', '/self-service/v2/transfers/bulk', 204, undefined), []);
    const again = await p.http('POST', `${SS}/transfers/bulk`, [item(1), item(2.5)], headers);
    assert.equal(again.status, 204, again.text);
    const other = await p.http('POST', `${SS}/transfers/bulk`, [item(3)], headers);
    assert.equal(other.status, 409, other.text);
    const poor = await p.http('POST', `${SS}/transfers/bulk`, [item(100)], { 'idempotency-key': `bulk-poor-${a.id}` });
    assert.equal(poor.status, 400, poor.text);
    assert.equal(poor.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    // one unit: the second transfer cannot be covered, so the first does not move either
    const half = await p.http('POST', `${SS}/transfers/bulk`, [item(1), item(100)], { 'idempotency-key': `bulk-half-${a.id}` });
    assert.equal(half.status, 400, half.text);
    assert.equal(half.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    assert.equal(half.body.field, '1.amount', half.text);
    const w = await eventually(
      () => p.http('GET', `${SS}/wallets/${a.wallet.id}`, undefined, asContact(a.id)),
      (r) => r.body?.total_balance === 16.5,
    );
    assert.equal(w.body.total_balance, 16.5);

    const settlements = ok(
      await p.http('GET', `${SS}/settlement_transactions?include_total=true`, undefined, asContact(a.id)),
      'GET',
      '/self-service/v2/settlement_transactions',
      200,
    );
    assert.equal(settlements.paging.total, 1);
    assert.deepEqual(
      [settlements.content[0].settlement_type, settlements.content[0].accounting_type, settlements.content[0].settlement_amount],
      ['AWARD', 'CREDIT', 20],
    );
    const metrics = ok(
      await p.http('GET', `${SS}/settlement_transactions/metrics?created_on[gte]=0`, undefined, asContact(a.id)),
      'GET',
      '/self-service/v2/settlement_transactions/metrics',
      200,
    );
    assert.equal(metrics.number_of_top_ups, 0);
    const badType = await p.http('GET', `${SS}/settlement_transactions?settlement_type=GIFT`, undefined, asContact(a.id));
    assert.equal(badType.status, 400, badType.text);
    assert.equal(badType.body.field, 'settlement_type');
  });
});
