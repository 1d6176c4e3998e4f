import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';

/**
 * Passes and promotions end to end (REST facade → gateway → rewards-write → ledger through the
 * gateway → bus → read sides): a plan, passes issued with their code and PIN answered once, a
 * redeem crediting the wallet exactly once — also under 20 concurrent redeems of one code —,
 * plan terms frozen once it has passes, a promotion pass's view and promotions; every
 * Self-Service answer validated against the contract.
 */
describe('passes and promotions end to end (value through the ledger, once)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };

  async function waitFor<T>(what: string, read: () => Promise<T>, done: (t: T) => boolean, ms = 60_000): Promise<T> {
    const until = Date.now() + ms;
    let last: T = await read();
    while (!done(last)) {
      if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 100));
      last = await read();
    }
    return last;
  }

  async function contactWithWallet(lastName: string): Promise<{ id: string; wallet: { id: string } }> {
    const created = await p.http('POST', `${BO}/contacts`, { type: 'PERSON', last_name: lastName });
    assert.equal(created.status, 201, created.text);
    const id = (created.body as { id: string }).id;
    const read = await waitFor(
      `the wallet of ${lastName}`,
      () => p.http('GET', `${SS}/contacts/${id}`, undefined, asContact(id)),
      (r) => r.status === 200 && !!(r.body as { wallet?: unknown }).wallet,
    );
    return { id, wallet: (read.body as { wallet: { id: string } }).wallet };
  }

  const balance = async (c: { id: string; wallet: { id: string } }) =>
    ok(await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200)
      .total_balance as number;

  async function plan(body: Record<string, unknown>): Promise<string> {
    const r = await p.http('POST', `${BO}/pass_plans`, body);
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  }
  async function issue(planId: string, extra: Record<string, unknown> = {}) {
    const r = await p.http('POST', `${BO}/passes`, { pass_plan_id: planId, ...extra });
    assert.equal(r.status, 201, r.text);
    return r.body as { id: string; code: string; pin?: string; view_token?: string; value: number };
  }

  let giftPlan: string;

  before(async () => {
    p = await startTestPlatform('passes-e2e');
    giftPlan = await plan({
      name: 'Xmas gift cards',
      type: 'GIFT',
      currency_code: 'EUR',
      value_options: { fixed_values: [25, 50] },
      validity: { type: 'PERIOD', period: 12, uot: 'MONTHS' },
      pin_required: true,
      code_format: { type: 'ALPHANUMERIC', prefix: 'XM', length: 12 },
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('a plan is listed to contacts (contract shape); bad plans are 400 naming the field', async () => {
    const c = await contactWithWallet('Lister');
    const list = ok(await p.http('GET', `${SS}/pass_plans?currency_code=EUR`, undefined, asContact(c.id)), 'GET', '/self-service/v2/pass_plans', 200);
    const mine = list.content.find((x: { id: string }) => x.id === giftPlan);
    assert.ok(mine, 'the ACTIVE plan is listed');
    assert.equal(mine.classification, 'GIFT');
    assert.equal(mine.code_format.pin_required, true);
    const bad = await p.http('POST', `${BO}/pass_plans`, { name: 'x', type: 'GIFT', value_options: { min: 10, max: 5 } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'value_options.max');
    const none = await p.http('POST', `${BO}/pass_plans`, { name: 'x', type: 'GIFT', value_options: {} });
    assert.equal(none.status, 400, none.text);
    const inactive = await plan({ name: 'Hidden', type: 'GIFT', value_options: { fixed_values: [5] }, state: 'INACTIVE' });
    const again = ok(await p.http('GET', `${SS}/pass_plans?size=100`, undefined, asContact(c.id)), 'GET', '/self-service/v2/pass_plans', 200);
    assert.ok(!again.content.some((x: { id: string }) => x.id === inactive), 'an INACTIVE plan is not offered to contacts');
  });

  it('a pass is redeemed once: wrong PIN refused, the value credited to the wallet, a second redeem refused and moves nothing', async () => {
    const c = await contactWithWallet('Redeemer');
    const pass = await issue(giftPlan, { pass_value: 25, recipient: { name: 'Ann', medium_type: 'EMAIL', medium_value: 'ann@example.com' } });
    assert.match(pass.code, /^XM[A-Z0-9]{10}$/);
    assert.match(pass.pin!, /^\d{4}$/);
    const wrongPin = await p.http('POST', `${SS}/passes/redeem`, { code: pass.code, pin: '99999', organisation: {} }, asContact(c.id));
    assert.equal(wrongPin.status, 400, wrongPin.text);
    assert.equal(wrongPin.body.field, 'pin');
    const unknown = await p.http('POST', `${SS}/passes/redeem`, { code: 'NOPE12345678', organisation: {} }, asContact(c.id));
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.field, 'code');
    const redeemed = ok(
      await p.http('POST', `${SS}/passes/redeem`, { code: pass.code.toLowerCase(), pin: pass.pin, organisation: {} }, asContact(c.id)),
      'POST',
      '/self-service/v2/passes/redeem',
      200,
    );
    assert.equal(redeemed.id, pass.id);
    await waitFor(
      'the pass value in the wallet',
      () => balance(c),
      (b) => b === 25,
    );
    const second = await p.http('POST', `${SS}/passes/redeem`, { code: pass.code, pin: pass.pin, organisation: {} }, asContact(c.id));
    assert.equal(second.status, 400, second.text);
    assert.match(second.text, /redeemed already/);
    const bo = await waitFor(
      'the redeemed pass on the read side',
      () => p.http('GET', `${BO}/passes/${pass.id}`),
      (r) => r.status === 200 && !!r.body.redemption?.transaction_id,
    );
    assert.equal(bo.body.state, 'REDEEMED');
    assert.equal(bo.body.redemption.contact.id, c.id);
    assert.equal(bo.body.code_hint, pass.code.slice(-4));
    assert.ok(!('code' in bo.body), 'the code is never shown again');
    assert.equal(await balance(c), 25, 'still exactly one credit');
  });

  it('20 concurrent redeems of one pass code credit the wallet exactly once', async () => {
    const c = await contactWithWallet('Racer');
    const pass = await issue(giftPlan, { pass_value: 50 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => p.http('POST', `${SS}/passes/redeem`, { code: pass.code, pin: pass.pin, organisation: {} }, asContact(c.id))),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, `one redeem wins: ${statuses.join(',')}`);
    assert.ok(
      statuses.every((s) => s === 200 || s === 400 || s === 409),
      `the others are refused with a 4xx: ${statuses.join(',')}`,
    );
    await waitFor(
      'the credit',
      () => balance(c),
      (b) => b === 50,
    );
    // nothing more arrives later (the credit runner finds nothing pending)
    const journals = await waitFor(
      'the wallet journals',
      () => p.http('GET', `${BO}/journals?contact_id=${c.id}`),
      (r) => r.status === 200 && (r.body.content as { amount?: number }[]).some((j) => j.amount === 50),
    );
    const credits = (journals.body.content as { amount?: number }[]).filter((j) => j.amount === 50);
    assert.equal(credits.length, 1, `one ledger credit: ${journals.text}`);
    assert.equal(await balance(c), 50);
  });

  it('a plan with passes keeps its terms (409) but can be renamed; a cancelled pass cannot be redeemed', async () => {
    const planId = await plan({ name: 'Top-up 10', type: 'TOPUP', value_options: { fixed_values: [10] } });
    const pass = await issue(planId);
    assert.equal(pass.value, 10);
    assert.equal(pass.pin, undefined, 'no PIN when the plan asks none');
    const terms = await p.http('PUT', `${BO}/pass_plans/${planId}`, { name: 'Top-up 10', type: 'TOPUP', value_options: { fixed_values: [20] } });
    assert.equal(terms.status, 409, terms.text);
    const rename = await p.http('PUT', `${BO}/pass_plans/${planId}`, { name: 'Top-up ten', type: 'TOPUP', value_options: { fixed_values: [10] } });
    assert.equal(rename.status, 200, rename.text);
    const cancel = await p.http('PUT', `${BO}/passes/${pass.id}`, { state: 'CANCELLED' });
    assert.equal(cancel.status, 200, cancel.text);
    const c = await contactWithWallet('Late');
    const refused = await p.http('POST', `${SS}/passes/redeem`, { code: pass.code, organisation: {} }, asContact(c.id));
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.text, /cancelled/);
    const batch = await p.http('POST', `${BO}/pass_plans/${planId}/batches`, { number_of_passes: 3 });
    assert.equal(batch.status, 201, batch.text);
    assert.equal(new Set(batch.body.passes.map((x: { code: string }) => x.code)).size, 3, 'every code of a batch differs');
    const read = await waitFor(
      'the plan count',
      () => p.http('GET', `${BO}/pass_plans/${planId}`),
      (r) => r.status === 200 && r.body.passes_generated === 4,
    );
    assert.equal(read.body.name, 'Top-up ten');
  });
});
