import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * The ledger end to end (REST facade → gateway → ledger-write → bus → ledger-read): every created
 * contact gets a wallet that its contact record shows; value moves only through balanced ledger
 * transactions; self-service answers validate against the contract; errors are 4xx naming the field.
 */
describe('ledger end to end (wallets, transfers, journals)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };

  /** A contact created through the back office, and the wallet the ledger opened for it (waits for the events to flow). */
  async function contactWithWallet(lastName: string): Promise<{ id: string; wallet: { id: string; code: string } }> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 200; i++) {
      // another caller than the creator: the contact may not be projected yet (404) and its wallet comes after it
      const read = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id));
      if (read.status !== 404) {
        const body = ok(read, 'GET', '/self-service/v2/contacts/{id}', 200);
        if (body.wallet) return { id, wallet: body.wallet };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no wallet for contact ${id}`);
  }

  async function credit(walletId: string, amount: string) {
    const r = await p.graphql(
      `mutation($input: LedgerCreditInput!, $key: String!) { ledgerCredit(input: $input, idempotencyKey: $key) { transaction { id postings { amount balance } } consistencyToken errors { code reason field } } }`,
      { input: { account: { walletId }, amount, currency: 'EUR', type: 'AWARD' }, key: `credit-${walletId}-${amount}-${Math.random()}` },
    );
    const payload = r.body.data?.['ledgerCredit'];
    assert.deepEqual(payload?.errors, [], r.text);
    return payload;
  }

  before(async () => {
    p = await startTestPlatform('ledger-e2e');
  });
  after(async () => {
    await p?.stop();
  });

  it('every created contact gets a wallet (16-digit code) its contact record shows, and the wallet answers the contract', async () => {
    const c = await contactWithWallet('Lovelace');
    assert.match(c.wallet.code, /^\d{16}$/);
    const bo = await p.http('GET', `${BO}/contacts/${c.id}`);
    assert.deepEqual((bo.body as { wallet: unknown }).wallet, c.wallet);
    const w = ok(await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200);
    assert.equal(w.code, c.wallet.code);
    assert.equal(w.total_balance, 0);
  });

  it('a credit shows in the wallet; a transfer moves it exactly once per Idempotency-Key; balances and journals follow', async () => {
    const a = await contactWithWallet('Origin');
    const b = await contactWithWallet('Destination');
    const credited = await credit(a.wallet.id, '50.00');
    assert.deepEqual(credited.transaction.postings[0], { amount: '50.00', balance: '50.00' });
    const body = { origin: { wallet_id: a.wallet.id }, destination: { wallet_id: b.wallet.id }, amount: 10.25, currency_code: 'EUR' };
    const headers = { ...asContact(a.id), 'idempotency-key': `transfer-${a.id}` };
    const first = ok(await p.http('POST', `${SS}/transfers`, body, headers), 'POST', '/self-service/v2/transfers', 201);
    const again = ok(await p.http('POST', `${SS}/transfers`, body, headers), 'POST', '/self-service/v2/transfers', 201);
    assert.equal(again.id, first.id);
    const reused = await p.http('POST', `${SS}/transfers`, { ...body, amount: 1 }, headers);
    assert.equal(reused.status, 409, reused.text);
    const wa = ok(await p.http('GET', `${SS}/wallets/${a.wallet.id}`, undefined, asContact(a.id)), 'GET', '/self-service/v2/wallets/{id}', 200);
    assert.equal(wa.total_balance, 39.75);
    assert.deepEqual(wa.balances[0], { type: 'CRM', currency_code: 'EUR', open: 39.75, commerce: 0, total: 39.75 });
    const wb = ok(await p.http('GET', `${SS}/wallets/${b.wallet.code}`, undefined, asContact(b.id)), 'GET', '/self-service/v2/wallets/{id}', 200);
    assert.equal(wb.total_balance, 10.25);
    const journals = ok(
      await p.http('GET', `${SS}/wallets/${a.wallet.id}/journals?include_total=true`, undefined, asContact(a.id)),
      'GET',
      '/self-service/v2/wallets/{id}/journals',
      200,
    );
    assert.equal(journals.paging.total, 2);
    assert.deepEqual(
      journals.content.map((j: { type: string; amount: number; transaction_type: string }) => [j.type, j.transaction_type, j.amount]),
      [
        ['DEBIT', 'TRANSFER', 10.25],
        ['CREDIT', 'AWARD', 50],
      ],
    );
  });

  it('refuses insufficient funds (CANNOTSPEND…), bad amounts and currencies naming the field, and a foreign wallet (404); nothing moves', async () => {
    const a = await contactWithWallet('Spender');
    const b = await contactWithWallet('Payee');
    await credit(a.wallet.id, '5.00');
    const send = (extra: Record<string, unknown>, who = a.id) =>
      p.http(
        'POST',
        `${SS}/transfers`,
        { origin: { wallet_id: a.wallet.id }, destination: { wallet_id: b.wallet.id }, amount: 1, ...extra },
        asContact(who),
      );
    const poor = await send({ amount: 5.01 });
    assert.equal(poor.status, 400, poor.text);
    assert.equal(poor.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    for (const [extra, field] of [
      [{ amount: 0 }, 'amount'],
      [{ amount: -1 }, 'amount'],
      [{ amount: 1.001 }, 'amount'],
      [{ currency_code: 'USD' }, 'currency_code'],
    ] as const) {
      const r = await send(extra);
      assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
      assert.equal(r.body.field, field, r.text);
    }
    // b moving a's money: a's wallet is not b's
    const foreign = await send({}, b.id);
    assert.equal(foreign.status, 404, foreign.text);
    const notMine = await p.http('GET', `${SS}/wallets/${a.wallet.id}`, undefined, asContact(b.id));
    assert.equal(notMine.status, 404, notMine.text);
    const otherTenant = await p.http('GET', `${BO}/wallets/${a.wallet.id}`, undefined, { 'x-dev-tenant': `${p.tenant}-other` });
    assert.equal(otherTenant.status, 404, otherTenant.text);
    const w = ok(await p.http('GET', `${SS}/wallets/${a.wallet.id}`, undefined, asContact(a.id)), 'GET', '/self-service/v2/wallets/{id}', 200);
    assert.equal(w.total_balance, 5);
  });

  it('back office: a manual journal by contact id, the journal with balanced postings, the contact’s journals and wallets', async () => {
    const c = await contactWithWallet('Journaled');
    const posted = await p.http('POST', `${BO}/contacts/${c.id}/journals`, {
      action: 'CREDIT',
      entity: 'WALLET',
      amount: 7.5,
      currency_code: 'EUR',
      notes: 'goodwill',
    });
    assert.equal(posted.status, 201, posted.text);
    const id = (posted.body as { id: string }).id;
    const journal = await p.http('GET', `${BO}/journals/${id}`);
    assert.equal(journal.status, 200, journal.text);
    assert.equal(journal.body.transaction_type, 'MANUAL_JOURNAL');
    const entries = journal.body.entries as { type: string; amount: number; contact_id?: string }[];
    assert.equal(entries.length, 2);
    assert.deepEqual(entries.map((e) => e.type).sort(), ['CREDIT', 'DEBIT']);
    assert.ok(entries.every((e) => e.amount === 7.5));
    const debit = await p.http('POST', `${BO}/contacts/${c.id}/journals`, { action: 'DEBIT', entity: 'WALLET', amount: 7.51, currency_code: 'EUR' });
    assert.equal(debit.status, 400, debit.text);
    assert.equal(debit.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    const badAction = await p.http('POST', `${BO}/contacts/${c.id}/journals`, { action: 'MOVE', entity: 'WALLET', amount: 1, currency_code: 'EUR' });
    assert.equal(badAction.status, 400, badAction.text);
    assert.equal(badAction.body.field, 'action');
    const list = await p.http('GET', `${BO}/journals?contact_id=${c.id}&include_total=true`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.paging.total, 1);
    const wallets = await p.http('GET', `${BO}/wallets?contact_id=${c.id}`);
    assert.equal(wallets.status, 200, wallets.text);
    assert.equal(wallets.body.content[0].id, c.wallet.id);
    assert.deepEqual(wallets.body.content[0].pockets[0], {
      account_id: wallets.body.content[0].pockets[0].account_id,
      pocket: 'OPEN',
      currency_code: 'EUR',
      balance: 7.5,
      blocked: 0,
      available: 7.5,
    });
    const missing = await p.http('POST', `${BO}/contacts/00000000-0000-4000-8000-000000000000/journals`, {
      action: 'CREDIT',
      entity: 'WALLET',
      amount: 1,
      currency_code: 'EUR',
    });
    assert.equal(missing.status, 404, missing.text);
  });

  it("self-service Contact Accounts: the contact's primary account, its balance and journals, validated against the contract", async () => {
    const c = await contactWithWallet('Accounted');
    const posted = await p.http('POST', `${BO}/contacts/${c.id}/journals`, { action: 'CREDIT', entity: 'ACCOUNT', amount: 3, currency_code: 'EUR' });
    assert.equal(posted.status, 201, posted.text);
    const txId = (posted.body as { id: string }).id;
    const me = asContact(c.id);
    const list = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/accounts?include_total=true`, undefined, me),
      'GET',
      '/self-service/v2/contacts/{id}/accounts',
      200,
    );
    assert.equal(list.paging.total, 1);
    assert.deepEqual({ ...list.content[0], id: 'x' }, { id: 'x', name: 'Primary account', currency_code: 'EUR', is_primary: true, state: 'ACTIVE' });
    const accountId = list.content[0].id as string;
    let account: any;
    for (let i = 0; i < 100; i++) {
      account = ok(await p.http('GET', `${SS}/accounts/${accountId}`, undefined, me), 'GET', '/self-service/v2/accounts/{id}', 200);
      if (account.balance === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(account.balance, 3);
    const journals = ok(
      await p.http('GET', `${SS}/accounts/${accountId}/journals`, undefined, me),
      'GET',
      '/self-service/v2/accounts/{id}/journals',
      200,
    );
    assert.deepEqual(
      journals.content.map((j: { id: string; type: string; transaction_type: string; amount: number }) => [
        j.id,
        j.type,
        j.transaction_type,
        j.amount,
      ]),
      [[txId, 'CREDIT', 'MANUAL_JOURNAL', 3]],
    );
    const journal = ok(await p.http('GET', `${SS}/journals/${txId}`, undefined, me), 'GET', '/self-service/v2/journals/{id}', 200);
    assert.equal(journal.total, 3);
    const other = await contactWithWallet('Nosy');
    assert.equal((await p.http('GET', `${SS}/accounts/${accountId}`, undefined, asContact(other.id))).status, 404);
    assert.equal((await p.http('GET', `${SS}/journals/${txId}`, undefined, asContact(other.id))).status, 404);
    const none = await p.http('GET', `${SS}/contacts/${c.id}/accounts`, undefined, asContact(other.id));
    assert.deepEqual(none.body.content, []);
  });

  it('GraphQL: service callers need ledger.write; as-of balances fold the postings up to an instant', async () => {
    const c = await contactWithWallet('AsOf');
    const denied = await p.graphql(
      `mutation { ledgerCredit(input: { account: { walletId: "${c.wallet.id}" }, amount: "1", currency: "EUR" }, idempotencyKey: "denied-key-1") { errors { code } } }`,
      {},
      { 'x-dev-principal': 'service:ledger.read' },
    );
    assert.equal(denied.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', denied.text);
    const first = await credit(c.wallet.id, '3.00');
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await credit(c.wallet.id, '4.00');
    const read = await p.graphql(
      `query($id: String!, $asOf: DateTimeISO) { now: wallet(id: $id) { totals { balance } } then: wallet(id: $id, asOf: $asOf) { totals { balance blocked } } }`,
      { id: c.wallet.id, asOf: between.toISOString() },
      { 'x-consistency-token': first.consistencyToken },
    );
    assert.equal(read.body.data?.['then']?.totals[0]?.balance, '3.00', read.text);
    assert.equal(read.body.data?.['then']?.totals[0]?.blocked, null);
  });
});
