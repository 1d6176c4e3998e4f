import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { asContact, customer, eventually } from '../rest/domains/orders/testing';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * Invoicing's isolation matrix: another tenant, another contact, a back-office user without the
 * billing (or finance) write permission and mass assignment never reach, credit, void or bill
 * another's invoices and runs; nothing is written by a refused call.
 */
describe('invoicing isolation (tenants, contacts, roles, mass assignment)', () => {
  let p: TestPlatform;
  let other: Record<string, string>;
  let alice: { id: string; accountId: string };
  let bob: { id: string; accountId: string };
  let invoice: string;
  let run: string;

  const status = async (method: string, path: string, body: unknown, headers: Record<string, string>, expected: number) => {
    const r = await p.http(method, path, body, headers);
    assert.equal(r.status, expected, `${method} ${path} as ${JSON.stringify(headers)}: ${r.text}`);
    return r;
  };
  const invoiceState = async () => {
    const r = await p.http('GET', `${BO}/invoices/${invoice}`);
    assert.equal(r.status, 200, r.text);
    return [r.body.state, r.body.credited_amount];
  };

  before(async () => {
    p = await startTestPlatform('invoicing-isolation', { BILLING_SCHEDULE_DAILY: 'false', BILLING_RUN_POLL_MS: '300' });
    other = { 'x-dev-tenant': `${p.tenant}-b`, 'x-dev-principal': 'user' };
    [alice, bob] = await Promise.all([customer(p, 'Alice'), customer(p, 'Bob')]);
    const r = await p.http('POST', `${BO}/invoices`, {
      contact_id: alice.id,
      currency_code: 'EUR',
      line_items: [{ description: 'Setup', price: 20 }],
    });
    assert.equal(r.status, 201, r.text);
    invoice = r.body.id;
    const started = await p.http('POST', `${BO}/billing_runs`, { contact_ids: [alice.id] });
    assert.equal(started.status, 201, started.text);
    run = started.body.id;
  });
  after(async () => {
    await p?.stop();
  });

  it("another tenant neither reads, lists, credits, voids nor posts this tenant's invoices and runs (404, nothing changes)", async () => {
    await status('GET', `${BO}/invoices/${invoice}`, undefined, other, 404);
    await status('GET', `${BO}/credit_notes/${invoice}`, undefined, other, 404);
    await status('GET', `${BO}/billing_runs/${run}`, undefined, other, 404);
    const list = await status('GET', `${BO}/invoices?contact_id=${alice.id}`, undefined, other, 200);
    assert.deepEqual(list.body.content, []);
    assert.deepEqual((await status('GET', `${BO}/invoices`, undefined, other, 200)).body.content, []);
    assert.deepEqual((await status('GET', `${BO}/billing_runs`, undefined, other, 200)).body.content, []);
    await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 5 }, other, 404);
    await status('POST', `${BO}/invoices/${invoice}/void`, {}, other, 404);
    await status('POST', `${BO}/invoices/${invoice}/post`, undefined, other, 404);
    // a run of the other tenant for alice's id bills nothing of this tenant
    const theirs = await status('POST', `${BO}/billing_runs`, { contact_ids: [alice.id] }, other, 201);
    const done = await eventually('their run', async () => {
      const r = await p.http('GET', `${BO}/billing_runs/${theirs.body.id}`, undefined, other);
      return r.body.state === 'COMPLETED' ? r.body : null;
    });
    assert.deepEqual([done.progress.total, done.documents], [0, 0]);
    assert.deepEqual(await invoiceState(), ['POSTED', 0]);
  });

  it("a contact neither reads another's invoices nor estimates another's billing", async () => {
    // the back-office routes are not for contacts; the GraphQL answers another contact's invoice as missing
    const gql = await p.http(
      'POST',
      '/graphql',
      { query: `query($id: ID!) { invoice(id: $id) { id } }`, variables: { id: invoice } },
      asContact(bob.id),
    );
    assert.equal(gql.body.data?.invoice ?? null, null, gql.text);
    const own = await p.http(
      'POST',
      '/graphql',
      { query: `query($id: ID!) { invoice(id: $id) { id } }`, variables: { id: invoice } },
      asContact(alice.id),
    );
    assert.equal(own.body.data?.invoice?.id, invoice, own.text);
    const list = await p.http('POST', '/graphql', { query: `query { invoices { total } }` }, asContact(bob.id));
    assert.equal(list.body.data?.invoices?.total, 0, list.text);
    await status('POST', `${SS}/estimates/billing`, { contact_id: alice.id }, asContact(bob.id), 404);
  });

  it('roles: readers read, only billing or finance writers start runs, invoice, credit and void', async () => {
    const reader = { 'x-dev-principal': 'user:finance.read' };
    const none = { 'x-dev-principal': 'user:contacts.read' };
    await status('GET', `${BO}/invoices/${invoice}`, undefined, reader, 200);
    await status('GET', `${BO}/billing_runs/${run}`, undefined, reader, 200);
    await status('GET', `${BO}/invoices/${invoice}`, undefined, none, 403);
    for (const who of [reader, none]) {
      await status('POST', `${BO}/billing_runs`, {}, who, 403);
      await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 1 }, who, 403);
      await status('POST', `${BO}/invoices/${invoice}/void`, {}, who, 403);
      await status('POST', `${BO}/invoices`, { contact_id: alice.id, currency_code: 'EUR', line_items: [{ price: 1 }] }, who, 403);
    }
    await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 1 }, asContact(alice.id), 403);
    assert.deepEqual(await invoiceState(), ['POSTED', 0]);
    // a finance user may credit
    await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 1 }, { 'x-dev-principal': 'user:finance.read,finance.write' }, 201);
    assert.deepEqual(await invoiceState(), ['POSTED', 1]);
  });

  it('mass assignment: numbers, owners, states and tenants in a body are refused (400), nothing written', async () => {
    await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 1, contact_id: bob.id }, {}, 400);
    await status('POST', `${BO}/credit_notes`, { invoice_id: invoice, amount: 1, number: 'CN-000001' }, {}, 400);
    await status('POST', `${BO}/invoices`, { contact_id: alice.id, currency_code: 'EUR', line_items: [{ price: 1 }], state: 'VOIDED' }, {}, 400);
    await status('POST', `${BO}/invoices`, { contact_id: alice.id, currency_code: 'EUR', line_items: [{ price: 1 }], number: 'INV-000001' }, {}, 400);
    await status('POST', `${BO}/billing_runs`, { tenant_id: 'other' }, {}, 400);
    await status('POST', `${BO}/invoices/${invoice}/void`, { state: 'POSTED', credited_amount: 0 }, {}, 400);
    assert.deepEqual(await invoiceState(), ['POSTED', 1]);
    const invoices = await status('GET', `${BO}/invoices?contact_id=${alice.id}&include_total=true`, undefined, {}, 200);
    assert.equal(invoices.body.paging.total, 1);
  });
});
