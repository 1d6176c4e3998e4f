import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { asContact, contactWithWallet } from '../rest/domains/ledger/ledger-test-helpers';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The ledger's routes of issue 11 (second part) against another contact of the tenant, another
 * tenant's staff, a contact on staff-only routes and mass assignment: reads of another's wallet or
 * account are 404 (as if absent), writes change nothing (every ledger row of the tenant is the same
 * afterwards).
 */
describe('ledger isolation (wallet settings, accounts, commerce pools, bulk transfers)', () => {
  let p: TestPlatform;
  let otherTenant: Record<string, string>;
  let victim: { id: string; wallet: { id: string; code: string } };
  let attacker: { id: string; wallet: { id: string; code: string } };
  let account: string;
  let pool: string;

  /** Every ledger row of the tenant (versions, balances, settings, pools, codes). */
  async function snapshot(): Promise<string> {
    const ledgerWrite = p.services.get('ledger-write') as unknown as { dataSource: { query(sql: string, params: unknown[]): Promise<unknown> } };
    const rows = await ledgerWrite.dataSource.query(
      `SELECT id::text, version::text AS v, balance::text || '/' || blocked::text || '/' || is_primary::text || '/' || details::text AS s FROM ledger_accounts WHERE tenant_id = $1
       UNION ALL SELECT id::text, version::text, coalesce(settings::text, '') FROM ledger_wallets WHERE tenant_id = $1
       UNION ALL SELECT id::text, version::text, definition::text FROM ledger_commerce_pools WHERE tenant_id = $1
       UNION ALL SELECT code, '', wallet_id::text FROM ledger_wallet_codes WHERE tenant_id = $1
       UNION ALL SELECT id::text, '', type FROM ledger_transactions WHERE tenant_id = $1 ORDER BY 1`,
      [p.tenant],
    );
    return JSON.stringify(rows);
  }

  before(async () => {
    p = await startTestPlatform('ledger-isolation');
    otherTenant = { 'x-dev-tenant': `${p.tenant}-other` };
    victim = await contactWithWallet(p, 'Victim');
    attacker = await contactWithWallet(p, 'Attacker');
    const credit = await p.graphql(
      `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { errors { code } } }`,
      { input: { account: { walletId: victim.wallet.id }, amount: '30.00', currency: 'EUR', type: 'AWARD' }, key: `iso-${victim.id}` },
    );
    assert.deepEqual(credit.body.data?.['ledgerCredit']?.errors, [], credit.text);
    const accounts = await p.http('GET', `${BO}/contacts/${victim.id}/accounts`);
    account = accounts.body.content[0].id;
    const created = await p.http('POST', `${BO}/commerce_pools`, { name: 'Victim pool', requires_activation: true });
    assert.equal(created.status, 201, created.text);
    pool = created.body.id;
  });
  after(async () => {
    await p?.stop();
  });

  it('another contact reads none of the wallet routes (404) and changes nothing', async () => {
    const before = await snapshot();
    const me = asContact(attacker.id);
    for (const path of ['', '/limits', '/topup_settings', '/code', '/summarised_totals', '/commerce_balances', '/transactions']) {
      for (const ref of [victim.wallet.id, victim.wallet.code]) {
        const r = await p.http('GET', `${SS}/wallets/${ref}${path}`, undefined, me);
        assert.equal(r.status, 404, `GET wallets/${ref}${path}: ${r.text}`);
      }
    }
    const put = await p.http(
      'PUT',
      `${SS}/wallets/${victim.wallet.id}`,
      { auto_topup: { threshold: 1, amount: 1, payment_method: { type: 'CARD' } } },
      me,
    );
    assert.equal(put.status, 404, put.text);
    const acc = await p.http('GET', `${SS}/accounts/${account}`, undefined, me);
    assert.equal(acc.status, 404, acc.text);
    const putAcc = await p.http('PUT', `${SS}/accounts/${account}`, { is_primary: true }, me);
    assert.equal(putAcc.status, 404, putAcc.text);
    const addAcc = await p.http('POST', `${SS}/contacts/${victim.id}/accounts`, { currency_code: 'USD' }, me);
    assert.equal(addAcc.status, 404, addAcc.text);
    const list = await p.http('GET', `${SS}/contacts/${victim.id}/accounts?include_total=true`, undefined, me);
    assert.equal(list.body.paging?.total ?? 0, 0, list.text);
    // bulk: moving the victim's money as a contact is refused (the origin is not its wallet)
    const bulk = await p.http(
      'POST',
      `${SS}/transfers/bulk`,
      [{ origin: { wallet_id: victim.wallet.id }, destination: { wallet_id: attacker.wallet.id }, amount: 1 }],
      me,
    );
    assert.equal(bulk.status, 404, bulk.text);
    // the attacker's settlement list has none of the victim's awards
    const settlements = await p.http('GET', `${SS}/settlement_transactions?include_total=true`, undefined, me);
    assert.equal(settlements.body.paging.total, 0, settlements.text);
    assert.equal(await snapshot(), before);
  });

  it('another tenant sees none of it and changes nothing', async () => {
    const before = await snapshot();
    for (const path of [`/wallets/${victim.wallet.id}`, `/accounts/${account}`, `/commerce_pools/${pool}`]) {
      const r = await p.http('GET', `${BO}${path}`, undefined, otherTenant);
      assert.equal(r.status, 404, `${path}: ${r.text}`);
    }
    const pools = await p.http('GET', `${BO}/commerce_pools?include_total=true`, undefined, otherTenant);
    assert.equal(pools.body.paging.total, 0, pools.text);
    const limits = await p.http('GET', `${SS}/wallets/${victim.wallet.id}/limits`, undefined, otherTenant);
    assert.equal(limits.status, 404, limits.text);
    for (const [method, path, body] of [
      ['PUT', `${BO}/accounts/${account}`, { credit_limit: 100 }],
      ['POST', `${BO}/contacts/${victim.id}/accounts`, { currency_code: 'USD' }],
      ['PUT', `${BO}/commerce_pools/${pool}`, { name: 'Stolen' }],
      ['PUT', `${SS}/wallets/${victim.wallet.id}/limits`, { limit_rules: [] }],
      ['POST', `${SS}/transfers/bulk`, [{ origin: { wallet_id: victim.wallet.id }, destination: { wallet_id: attacker.wallet.id }, amount: 1 }]],
    ] as const) {
      const r = await p.http(method, path, body, otherTenant);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    }
    assert.equal(await snapshot(), before);
  });

  it('staff-only routes refuse a contact; contact-only actions refuse staff; no mass assignment', async () => {
    const before = await snapshot();
    const me = asContact(victim.id);
    const limits = await p.http('PUT', `${SS}/wallets/${victim.wallet.id}/limits`, { limit_rules: [] }, me);
    assert.equal(limits.status, 403, limits.text);
    for (const [method, path, body] of [
      ['POST', `${BO}/commerce_pools`, { name: 'Mine' }],
      ['PUT', `${BO}/wallet_limits`, { limit_rules: [] }],
      ['PUT', `${BO}/accounts/${account}`, { credit_limit: 1000 }],
      ['PUT', `${BO}/accounts/${account}`, { payment_terms_id: 'never' }],
      ['POST', `${BO}/contacts/${victim.id}/accounts`, { currency_code: 'USD', credit_limit: 1000 }],
    ] as const) {
      const r = await p.http(method, path, body, me);
      assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
    }
    const staffActivates = await p.http('PUT', `${SS}/commerce_pools/${pool}/actions`, { action: 'ACTIVATE' });
    assert.equal(staffActivates.status, 403, staffActivates.text);
    for (const body of [{ balance: 1000 }, { credit_limit: 1000 }, { currency_code: 'USD' }, { state: 'TERMINATED' }]) {
      const r = await p.http('PUT', `${SS}/accounts/${account}`, body, me);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    }
    const topupBalance = await p.http('PUT', `${SS}/wallets/${victim.wallet.id}`, { balance: 1000 }, me);
    assert.equal(topupBalance.status, 400, topupBalance.text);
    assert.equal(await snapshot(), before);
  });
});
