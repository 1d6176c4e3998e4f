import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const PAN = '4242424242424242';

/** What the test reaches of billing-write's built-in TEST gateway (through the launcher's service map, no import of billing code). */
interface TestGatewayHandle {
  chargesMade: number;
  faults: { slowAnswers?: { count: number; delayMs: number }; failures?: number };
}

/**
 * Billing end to end (REST facade → gateway → billing-write → TEST gateway + ledger through the
 * gateway client → bus → billing-read): payment methods (cards as tokens, never numbers; the first
 * is primary), top-ups that charge once and credit the wallet once, declines that move nothing.
 * Every self-service answer is validated against the contract.
 */
describe('billing end to end (payment methods, top-ups)', () => {
  let p: TestPlatform;
  let gateway: TestGatewayHandle;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  const card = (token: string, extra: Record<string, unknown> = {}) => ({
    payment_method_type: 'CARD',
    name: 'My card',
    card: {
      first6: '424242',
      last4: '4242',
      brand: 'VISA',
      expiration_month: 12,
      expiration_year: 2031,
      gateway_token: [{ gateway: 'STRIPE', token }],
    },
    ...extra,
  });

  async function contactWithWallet(lastName: string): Promise<{ id: string; wallet: { id: string; code: string } }> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    for (let i = 0; i < 300; i++) {
      const read = await p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id));
      if (read.status === 200 && read.body.wallet) return { id, wallet: read.body.wallet };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no wallet for contact ${id}`);
  }
  const methodsOf = async (contactId: string) =>
    ok(
      await p.http('GET', `${SS}/contacts/${contactId}/payment_methods`, undefined, asContact(contactId)),
      'GET',
      '/self-service/v2/contacts/{id}/payment_methods',
      200,
    ).content as any[];
  const addCard = async (contactId: string, token: string, extra: Record<string, unknown> = {}) =>
    ok(
      await p.http('POST', `${SS}/contacts/${contactId}/payment_methods`, card(token, extra), asContact(contactId)),
      'POST',
      '/self-service/v2/contacts/{id}/payment_methods',
      200,
    ).id as string;
  const balanceOf = async (c: { id: string; wallet: { id: string } }) =>
    ok(await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200)
      .total_balance as number;
  const topup = (c: { id: string; wallet: { id: string } }, methodId: string, amount: number, key?: string) =>
    p.http(
      'POST',
      `${SS}/topups`,
      { wallet_id: c.wallet.id, amount, payment_method: { id: methodId, type: 'CARD' } },
      {
        ...asContact(c.id),
        ...(key ? { 'idempotency-key': key } : {}),
      },
    );

  before(async () => {
    p = await startTestPlatform('billing-e2e', { BILLING_GATEWAY: 'TEST', BILLING_GATEWAY_TIMEOUT_MS: '500' });
    gateway = (p.services.get('billing-write') as unknown as { paymentGateway: TestGatewayHandle }).paymentGateway;
    assert.equal(typeof gateway.chargesMade, 'number', 'billing-write runs the built-in TEST gateway');
  });
  after(async () => {
    await p?.stop();
  });

  it('adds cards as tokens (the first is primary), lists them against the contract, switches the primary and removes one', async () => {
    const c = await contactWithWallet('Cardholder');
    assert.deepEqual(await methodsOf(c.id), []);
    const first = await addCard(c.id, 'tok_visa');
    const second = await addCard(c.id, 'tok_mastercard', {
      name: 'Backup',
      card: { ...card('tok_mastercard').card, first6: '555555', last4: '4444', brand: 'mastercard' },
    });
    let list = await methodsOf(c.id);
    assert.deepEqual(
      list.map((m) => [m.id, m.is_primary, m.card.last4, m.card.brand]),
      [
        [first, true, '4242', 'VISA'],
        [second, false, '4444', 'MASTERCARD'],
      ],
    );
    assert.deepEqual(list[0].card.gateway_token, [{ gateway: 'STRIPE', token: 'tok_visa' }]);
    const put = ok(
      await p.http(
        'PUT',
        `${SS}/contacts/${c.id}/payment_methods/${second}`,
        { is_primary: true, card: { exp_month: 3, exp_year: 2032 } },
        asContact(c.id),
      ),
      'PUT',
      '/self-service/v2/contacts/{id}/payment_methods/{payment_method_id}',
      200,
    );
    assert.equal(put.id, second);
    list = await methodsOf(c.id);
    assert.deepEqual(
      list.map((m) => [m.id, m.is_primary, m.card.expiration_month, m.card.expiration_year]),
      [
        [first, false, 12, 2031],
        [second, true, 3, 2032],
      ],
    );
    const del = await p.http('DELETE', `${SS}/contacts/${c.id}/payment_methods/${second}`, undefined, asContact(c.id));
    assert.equal(del.status, 200, del.text);
    list = await methodsOf(c.id);
    assert.deepEqual(
      list.map((m) => [m.id, m.is_primary]),
      [[first, true]],
      'the remaining method became primary',
    );
    const gone = await p.http('DELETE', `${SS}/contacts/${c.id}/payment_methods/${second}`, undefined, asContact(c.id));
    assert.equal(gone.status, 404, gone.text);
    const typed = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/payment_methods?type=WALLET`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/payment_methods',
      200,
    );
    assert.deepEqual(typed.content, []);
  });

  it('an Idempotency-Key adds one method; bad bodies are 400 naming the field and write nothing', async () => {
    const c = await contactWithWallet('Careful');
    const headers = { ...asContact(c.id), 'idempotency-key': `pm-${c.id}` };
    const a = await p.http('POST', `${SS}/contacts/${c.id}/payment_methods`, card('tok_visa'), headers);
    const b = await p.http('POST', `${SS}/contacts/${c.id}/payment_methods`, card('tok_visa'), headers);
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(b.body, a.body);
    const bad: [unknown, string][] = [
      [card('tok_visa', { name: `card ${PAN}` }), 'name'],
      [card(PAN), 'card.gateway_token.0.token'],
      [{ ...card('tok_visa'), card: { ...card('tok_visa').card, first6: '42424242' } }, 'card.first6'],
      [{ ...card('tok_visa'), card: { ...card('tok_visa').card, number: PAN } }, 'card'],
      [{ ...card('tok_visa'), card: { ...card('tok_visa').card, expiration_year: 2020 } }, 'card.expiration_year'],
      [{ ...card('tok_visa'), payment_method_type: 'CASHBOX' }, 'payment_method_type'],
      [{ payment_method_type: 'CARD' }, 'card'],
    ];
    for (const [body, field] of bad) {
      const r = await p.http('POST', `${SS}/contacts/${c.id}/payment_methods`, body, asContact(c.id));
      assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.text}`);
      assert.ok(String(r.body.field ?? '').startsWith(field), `${field}: ${r.text}`);
    }
    assert.equal((await methodsOf(c.id)).length, 1);
    // a contact id the tenant does not have (the secret key may name any contact): 404, nothing kept
    const nobody = await p.http('POST', `${SS}/contacts/00000000-0000-4000-8000-00000000dead/payment_methods`, card('tok_visa'));
    assert.equal(nobody.status, 404, nobody.text);
  });

  it('a top-up with tok_visa charges once and credits the wallet once (Idempotency-Key); the journal shows TOP_UP', async () => {
    const c = await contactWithWallet('Topper');
    const method = await addCard(c.id, 'tok_visa');
    const before = gateway.chargesMade;
    const first = ok(await topup(c, method, 25.5, `topup-${c.id}`), 'POST', '/self-service/v2/topups', 201);
    const again = ok(await topup(c, method, 25.5, `topup-${c.id}`), 'POST', '/self-service/v2/topups', 201);
    assert.equal(again.id, first.id);
    assert.equal(gateway.chargesMade - before, 1, 'charged once');
    assert.equal(await balanceOf(c), 25.5);
    const reused = await topup(c, method, 30, `topup-${c.id}`);
    assert.equal(reused.status, 409, reused.text);
    const journals = ok(
      await p.http('GET', `${SS}/wallets/${c.wallet.id}/journals`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/wallets/{id}/journals',
      200,
    );
    assert.deepEqual(
      journals.content.map((j: { type: string; transaction_type: string; amount: number }) => [j.type, j.transaction_type, j.amount]),
      [['CREDIT', 'TOP_UP', 25.5]],
    );
  });

  it('tok_chargeDeclined is 400 with the gateway’s reason naming payment_method, and nothing moves', async () => {
    const c = await contactWithWallet('Declined');
    const method = await addCard(c.id, 'tok_chargeDeclined');
    const before = gateway.chargesMade;
    const r = await topup(c, method, 10);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'payment_method');
    assert.match(r.body.message, /declined/i);
    assert.equal(gateway.chargesMade, before);
    assert.equal(await balanceOf(c), 0);
  });

  it('a charge whose answer times out is looked up, never repeated; a 5xx moves nothing and a retry with the key completes', async () => {
    const c = await contactWithWallet('Slow');
    const method = await addCard(c.id, 'tok_visa');
    const before = gateway.chargesMade;
    gateway.faults.slowAnswers = { count: 1, delayMs: 3000 };
    ok(await topup(c, method, 7, `slow-${c.id}`), 'POST', '/self-service/v2/topups', 201);
    assert.equal(gateway.chargesMade - before, 1, 'the lost answer was looked up: one charge');
    assert.equal(await balanceOf(c), 7);

    gateway.faults.failures = 1;
    const failed = await topup(c, method, 3, `fail-${c.id}`);
    assert.equal(failed.status, 503, failed.text);
    assert.equal(await balanceOf(c), 7, 'a gateway failure moves nothing');
    ok(await topup(c, method, 3, `fail-${c.id}`), 'POST', '/self-service/v2/topups', 201);
    assert.equal(gateway.chargesMade - before, 2);
    assert.equal(await balanceOf(c), 10);
  });

  it('no card number is stored anywhere in the database (write and read sides, outbox, idempotency results)', async () => {
    // billing-write's own connection reaches every schema of the platform's database (PostgreSQL or embedded)
    const db = (p.services.get('billing-write') as unknown as { dataSource: { query(sql: string, params?: unknown[]): Promise<any[]> } }).dataSource;
    const tables = (await db.query(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema LIKE 'billing%' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
    )) as { table_schema: string; table_name: string }[];
    assert.ok(
      tables.some((t) => t.table_name === 'payment_methods') && tables.some((t) => t.table_name === 'payment_method_views'),
      JSON.stringify(tables),
    );
    const stored = (await db.query(`SELECT count(*)::int AS n FROM billing_write.payment_methods`)) as { n: number }[];
    assert.ok(stored[0]!.n >= 3, 'the earlier tests stored cards');
    const run = '(^|[^0-9A-Za-z])[0-9]{13,19}([^0-9A-Za-z]|$)';
    for (const t of tables) {
      // the outbox: what billing wrote is each event's data (the envelope around it is the platform's: tenant, trace and correlation ids)
      const text = t.table_name === 'outbox' ? `(x.payload->'data')::text` : 'x::text';
      const rows = (await db.query(
        `SELECT substring(${text} from '[0-9]{13,19}') AS sample FROM "${t.table_schema}"."${t.table_name}" x WHERE ${text} ~ '${run}' OR ${text} LIKE $1`,
        [`%${PAN}%`],
      )) as { sample: string }[];
      assert.deepEqual(rows, [], `${t.table_schema}.${t.table_name} holds a card-number-like run of 13 to 19 digits`);
    }
  });
});
