import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { asContact, customer, eventually } from '../orders/testing';

const BO = '/backoffice/v2';
const SS = '/self-service/v2';
type Body = Record<string, any>;

/** Exact cents of a decimal amount the API answered (a JSON number with at most 2 decimals). */
const cents = (n: number) => Math.round(n * 100);
const round2 = (num: bigint, den: bigint) => (num * 2n + den) / (2n * den);

/**
 * Invoicing end to end (REST → gateway → billing-write, which follows the subscriptions and
 * catalogue events, bills through its engine and posts through the ledger): billing runs bill each
 * due period once (reruns and racing runs bill nothing twice), invoices post once to the contact's
 * account (journal INVOICE), credit notes and voids (journal CREDIT_NOTE), estimates validated
 * against the Self-Service contract.
 */
describe('invoicing end to end (billing runs, invoices, credit notes, estimates)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const ok = (r: HttpResult, status: number, ss?: { method: string; template: string }): Body => {
    assert.equal(r.status, status, r.text);
    if (ss) assert.deepEqual(validate(ss.method, ss.template, r.status, r.body), [], `${ss.method} ${ss.template}: ${r.text}`);
    return r.body as Body;
  };
  const made = async (path: string, body: unknown) => ok(await p.http('POST', `${BO}${path}`, body), 201).id as string;

  let plan: string;
  let terms: string;

  const subscribed = async (lastName: string) => {
    const c = await customer(p, lastName);
    ok(await p.http('POST', `${BO}/contacts/${c.id}/services`, { services: [{ product_id: plan, price_terms_id: terms }] }), 201);
    return c;
  };
  /** Billing's view of the contact's subscription, through the estimate (billing-write follows the subscription events). */
  const estimateOf = (contactId: string, cycles = 1) =>
    eventually('billing knows the subscription', async () => {
      const r = await p.http('POST', `${SS}/estimates/billing`, { upcoming_billing_cycles: cycles }, asContact(contactId));
      const body = ok(r, 201, { method: 'POST', template: '/self-service/v2/estimates/billing' });
      return body.billing_estimate.length >= cycles ? body.billing_estimate : null;
    });
  const runToEnd = async (body: Body) => {
    const id = await made('/billing_runs', body);
    return eventually('the run completes', async () => {
      const run = ok(await p.http('GET', `${BO}/billing_runs/${id}`), 200);
      return run.state === 'COMPLETED' ? run : null;
    });
  };
  const invoicesOf = async (contactId: string, path = 'invoices') =>
    ok(await p.http('GET', `${BO}/${path}?contact_id=${contactId}&include_total=true&size=50`), 200).content as Body[];
  const journals = async (c: { id: string; accountId: string }, type: string, count: number) =>
    eventually(`${count} ${type} journals`, async () => {
      const r = await p.http('GET', `${SS}/accounts/${c.accountId}/journals?size=50`, undefined, asContact(c.id));
      const body = ok(r, 200, { method: 'GET', template: '/self-service/v2/accounts/{id}/journals' });
      const found = (body.content as Body[]).filter((j) => j.transaction_type === type);
      return found.length === count ? found : null;
    });

  before(async () => {
    p = await startTestPlatform('invoicing-e2e', {
      BILLING_TAX_RATE: '19',
      BILLING_SCHEDULE_DAILY: 'false',
      BILLING_RUN_POLL_MS: '300',
      BILLING_RUN_LEASE_MS: '2000',
    });
    plan = await made('/products', { sku: 'PLAN-INV', name: 'Fibre 100', classification: 'TERMED_SERVICE' });
    terms = await made(`/products/${plan}/prices`, {
      price: '30.00',
      currency_code: 'EUR',
      tax_model: 'TAX_EXCLUSIVE',
      price_terms: { billing_period: { duration: 1, uot: 'MONTH' }, billing_model: 'PRE_BILL' },
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('a run bills the due period once, posts the invoice to the account once; reruns and racing runs bill nothing twice', async () => {
    const c = await subscribed('Billed');
    const [estimate] = await estimateOf(c.id);
    const run = await runToEnd({ contact_ids: [c.id] });
    assert.deepEqual([run.progress, run.documents, run.failures], [{ total: 1, done: 1 }, 1, []]);

    let invoices = await invoicesOf(c.id);
    assert.equal(invoices.length, 1);
    const inv = invoices[0]!;
    assert.equal(inv.type, 'INVOICE');
    assert.match(inv.number, /^INV-\d{6}$/);
    assert.equal(inv.billing_run_id, run.id);
    // one charge line of the period: 30.00 × days / period days, then 19% on top, exact to the cent
    const [line] = inv.lines;
    assert.equal(line.type, 'CHARGE');
    assert.deepEqual(line.period, inv.period);
    const net = round2(3000n * BigInt(line.days), BigInt(line.period_days));
    const tax = round2(net * 19n, 100n);
    assert.deepEqual([cents(inv.net_amount), cents(inv.tax_amount), cents(inv.total_amount)], [Number(net), Number(tax), Number(net + tax)]);
    // the estimate agreed with what was billed
    assert.equal(cents(estimate.totals.total_amount), cents(inv.total_amount));
    assert.deepEqual(estimate.billed_period, inv.period);

    // posted once: one INVOICE journal of the total on the contact's account
    const posted = await journals(c, 'INVOICE', 1);
    assert.equal(cents(posted[0]!.amount), cents(inv.total_amount));
    const got = await eventually('posted', async () => {
      const r = ok(await p.http('GET', `${BO}/invoices/${inv.id}`), 200);
      return r.state === 'POSTED' ? r : null;
    });
    assert.equal(got.journal_id, posted[0]!.id);

    // a rerun and two racing runs on the same date: nothing billed twice
    const rerun = await runToEnd({ contact_ids: [c.id] });
    assert.equal(rerun.documents, 0);
    const [a, b] = await Promise.all([runToEnd({ contact_ids: [c.id] }), runToEnd({ contact_ids: [c.id] })]);
    assert.equal(a.documents + b.documents, 0);
    invoices = await invoicesOf(c.id);
    assert.equal(invoices.length, 1);
    await journals(c, 'INVOICE', 1);

    // a run two periods ahead bills exactly the two periods not billed yet, each once, in number order
    // 40 days after the first period's end: the second and third periods have begun (PRE_BILL), the fourth not
    const later = inv.period.to_date + 40 * 86400;
    const [x, y] = await Promise.all([
      runToEnd({ contact_ids: [c.id], billing_date: later }),
      runToEnd({ contact_ids: [c.id], billing_date: later }),
    ]);
    assert.equal(x.documents + y.documents, 2);
    invoices = await invoicesOf(c.id);
    assert.equal(invoices.length, 3);
    const periods = invoices.map((i) => i.period.from_date).sort();
    assert.equal(new Set(periods).size, 3, 'one invoice per period');
    assert.equal(new Set(invoices.map((i) => i.number)).size, 3);
    await journals(c, 'INVOICE', 3);
  });

  it('credit notes take off at most what is left of an invoice, a void credits the rest; each posts once (journal CREDIT_NOTE)', async () => {
    const c = await customer(p, 'Credited');
    const id = ok(
      await p.http(
        'POST',
        `${BO}/invoices`,
        { contact_id: c.id, currency_code: 'EUR', line_items: [{ description: 'Installation', price: 9.99, quantity: 3 }] },
        { 'idempotency-key': `manual-${c.id}` },
      ),
      201,
    ).id as string;
    // 3 × 9.99 = 29.97 net, 19% = 5.6943 → 5.69, total 35.66
    let inv = ok(await p.http('GET', `${BO}/invoices/${id}`), 200);
    assert.deepEqual([inv.net_amount, inv.tax_amount, inv.total_amount], [29.97, 5.69, 35.66]);
    // the same Idempotency-Key: the same invoice
    const again = ok(
      await p.http(
        'POST',
        `${BO}/invoices`,
        { contact_id: c.id, currency_code: 'EUR', line_items: [{ description: 'Installation', price: 9.99, quantity: 3 }] },
        { 'idempotency-key': `manual-${c.id}` },
      ),
      201,
    );
    assert.equal(again.id, id);
    await journals(c, 'INVOICE', 1);

    const cn = ok(await p.http('POST', `${BO}/credit_notes`, { invoice_id: id, amount: 10, notes: 'goodwill' }), 201).id as string;
    const note = ok(await p.http('GET', `${BO}/credit_notes/${cn}`), 200);
    assert.deepEqual([note.type, note.total_amount, note.credits_invoice_id], ['CREDIT_NOTE', -10, id]);
    assert.match(note.number, /^CN-\d{6}$/);
    inv = ok(await p.http('GET', `${BO}/invoices/${id}`), 200);
    assert.equal(inv.credited_amount, 10);

    // more than is left: 400 naming amount, nothing written
    const over = await p.http('POST', `${BO}/credit_notes`, { invoice_id: id, amount: 30 });
    assert.equal(over.status, 400, over.text);
    assert.match(over.text, /amount/);
    assert.equal((await invoicesOf(c.id, 'credit_notes')).length, 1);

    const voided = ok(await p.http('POST', `${BO}/invoices/${id}/void`, { reason: 'duplicate' }), 200);
    assert.deepEqual([voided.state, voided.credited_amount], ['VOIDED', 35.66]);
    const notes = await invoicesOf(c.id, 'credit_notes');
    assert.deepEqual(notes.map((n) => n.total_amount).sort(), [-10, -25.66].sort());
    const credits = await journals(c, 'CREDIT_NOTE', 2);
    assert.deepEqual(credits.map((j) => cents(j.amount)).sort(), [1000, 2566].sort());
    // a credit note of an invoice's id under credit_notes/{id}: not a credit note
    assert.equal((await p.http('GET', `${BO}/credit_notes/${id}`)).status, 404);

    // the statement of the month: a PDF of the invoice and its two credit notes
    const issued = new Date(inv.issued_date * 1000);
    const months = {
      format: 'PDF',
      from_month: issued.getUTCMonth() + 1,
      from_year: issued.getUTCFullYear(),
      to_month: issued.getUTCMonth() + 1,
      to_year: issued.getUTCFullYear(),
    };
    const exported = await p.http('POST', `${SS}/contacts/${c.id}/export_statement`, months, asContact(c.id));
    ok(exported, 201, { method: 'POST', template: '/self-service/v2/contacts/{id}/export_statement' });
    const location = exported.headers.get('location');
    assert.match(String(location), /^\/backoffice\/v2\/statements\/[0-9a-f-]{36}$/);
    const pdf = await p.http('GET', location!);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.text.startsWith('%PDF-'), 'a PDF document');
    // another contact's statement: 404; EMAIL is refused naming format; a period ending before it starts: 400
    const stranger = await customer(p, 'Stranger');
    assert.equal((await p.http('POST', `${SS}/contacts/${c.id}/export_statement`, months, asContact(stranger.id))).status, 404);
    const email = await p.http('POST', `${SS}/contacts/${c.id}/export_statement`, { ...months, format: 'EMAIL' }, asContact(c.id));
    assert.equal(email.status, 400);
    assert.match(email.text, /format/);
    const backwards = await p.http('POST', `${SS}/contacts/${c.id}/export_statement`, { ...months, to_year: months.from_year - 1 }, asContact(c.id));
    assert.equal(backwards.status, 400);
    assert.match(backwards.text, /to_month/);
  });

  it('estimates an invoice for catalogue products with the public api_key alone (contract shape, exact taxes)', async () => {
    const r = await p.http(
      'POST',
      `${SS}/estimates/invoicing`,
      { line_items: [{ product_id: plan, quantity: 2 }] },
      { 'x-dev-principal': 'anonymous' },
    );
    const e = ok(r, 200, { method: 'POST', template: '/self-service/v2/estimates/invoicing' });
    assert.deepEqual([e.currency_code, e.total_net_amount, e.total_tax_amount, e.total_amount], ['EUR', 60, 11.4, 71.4]);
    assert.deepEqual(e.taxes_breakdown, [{ tax_rate: { name: 'VAT 19%', tax_code: 'VAT', percentage: 19 }, tax_amount: 11.4 }]);
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const bad = async (method: string, path: string, body: unknown, status: number, field: RegExp) => {
      const r = await p.http(method, path, body);
      assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
      assert.match(r.text, field);
    };
    await bad('POST', `${BO}/billing_runs`, { billing_date: 'tomorrow' }, 400, /billing_date/);
    await bad('POST', `${BO}/billing_runs`, { contact_ids: ['nope'] }, 400, /contact_ids/);
    await bad('POST', `${BO}/billing_runs`, { surprise: 1 }, 400, /surprise/);
    await bad('GET', `${BO}/billing_runs/00000000-0000-4000-8000-000000000001`, undefined, 404, /NOTFOUND/i);
    await bad('GET', `${BO}/invoices?state=PAID`, undefined, 400, /state/);
    await bad(
      'POST',
      `${BO}/invoices`,
      { contact_id: '00000000-0000-4000-8000-000000000001', currency_code: 'EUR', line_items: [] },
      400,
      /line_items/,
    );
    await bad('POST', `${BO}/credit_notes`, { invoice_id: '00000000-0000-4000-8000-000000000001', amount: 1 }, 404, /NOTFOUND/i);
    await bad('POST', `${BO}/credit_notes`, { invoice_id: '00000000-0000-4000-8000-000000000001', amount: -1 }, 400, /amount/);
  });
});
