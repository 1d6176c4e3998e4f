import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const POS = { 'x-dev-principal': 'service:rewards.write' };

/**
 * Rewards end to end (REST facade → gateway → rewards-write → ledger through the gateway → bus →
 * read sides): a scheme and its offers, a POS purchase whose award shows in the contact's wallet,
 * a spend the wallet cannot cover (refused, nothing moves), cancel and return, the explanation;
 * every Self-Service answer validated against the contract.
 */
describe('rewards end to end (schemes, offers, purchases, awards and spends through the ledger)', () => {
  let p: TestPlatform;
  const validate = loadSelfServiceResponseValidator();
  const asContact = (id: string) => ({ 'x-dev-principal': `contact:${id}` });
  const ok = (r: { status: number; text: string; body: unknown }, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };

  async function waitFor<T>(what: string, read: () => Promise<T>, done: (t: T) => boolean, ms = 90_000): Promise<T> {
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

  const wallet = async (c: { id: string; wallet: { id: string } }) =>
    ok(await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200);

  async function scheme(body: Record<string, unknown>): Promise<string> {
    const r = await p.http('POST', `${BO}/reward_schemes`, body);
    assert.equal(r.status, 201, r.text);
    return (r.body as { id: string }).id;
  }

  async function activeOffer(body: Record<string, unknown>): Promise<string> {
    const r = await p.http('POST', `${BO}/reward_offers`, body);
    assert.equal(r.status, 201, r.text);
    const id = (r.body as { id: string }).id;
    const on = await p.http('PUT', `${BO}/reward_offers/${id}/life_cycle_state`, { state: 'ACTIVE' });
    assert.equal(on.status, 200, on.text);
    return id;
  }

  let schemeId: string;
  let offerId: string;

  before(async () => {
    p = await startTestPlatform('rewards-e2e');
    schemeId = await scheme({ name: 'Coffee club', sign_up_option: 'AUTO_SIGN_UP', resolution: 'ALL' });
    offerId = await activeOffer({
      scheme_id: schemeId,
      name: '10% back on coffee',
      type: 'DISCOUNT',
      goal: 'SPEND',
      conditions: { classifications: ['coffee'], min_amount: 5 },
      award: { method: 'PERCENT', percent: 10 },
      caps: { per_purchase: 20 },
      validity_days: 30,
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('offers are created INACTIVE and turned on; bad bodies are 400 naming the field', async () => {
    const created = await p.http('POST', `${BO}/reward_offers`, { scheme_id: schemeId, name: 'Later', award: { method: 'FIXED', amount: 1 } });
    const id = (created.body as { id: string }).id;
    const read = await p.http('GET', `${BO}/reward_offers/${id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.state, 'INACTIVE');
    const bad = await p.http('POST', `${BO}/reward_offers`, { scheme_id: schemeId, name: 'x', award: { method: 'PERCENT' } });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.field, 'award.percent');
    const window = await p.http('POST', `${BO}/reward_offers`, {
      scheme_id: schemeId,
      name: 'x',
      award: { method: 'FIXED', amount: 1 },
      conditions: { time_windows: [{ from: '25:00', to: '01:00' }] },
    });
    assert.equal(window.status, 400, window.text);
    assert.equal(window.body.field, 'conditions.time_windows.0.from');
    const list = ok(
      await p.http('GET', `${SS}/reward_offers`, undefined, asContact('00000000-0000-4000-8000-000000000001')),
      'GET',
      '/self-service/v2/reward_offers',
      200,
    );
    assert.ok(list.content.some((o: { id: string }) => o.id === offerId));
    assert.ok(!list.content.some((o: { id: string }) => o.id === id), 'an INACTIVE offer is not offered to contacts');
    ok(
      await p.http('GET', `${SS}/reward_offers/${offerId}`, undefined, asContact('00000000-0000-4000-8000-000000000001')),
      'GET',
      '/self-service/v2/reward_offers/{id}',
      200,
    );
  });

  it('a POS purchase awards 10% of the net into the wallet (once, also on a retry), explained; the contact sees it', async () => {
    const c = await contactWithWallet('Buyer');
    const body = {
      contact: { id: c.id },
      transaction_amounts: { total: 48, net: 40, tax: 8 },
      classification: { name: 'coffee' },
      products: [{ product_sku: 'LATTE', quantity: 2, net_amount: 40 }],
    };
    const headers = { ...POS, 'idempotency-key': `pos-1-${c.id}` };
    const first = await p.http('POST', `${BO}/purchases`, body, headers);
    assert.equal(first.status, 201, first.text);
    assert.match(first.body.reference_number, /^P\d{7}$/);
    const again = await p.http('POST', `${BO}/purchases`, body, headers);
    assert.deepEqual(again.body, first.body);
    const w = await waitFor(
      'the award in the wallet',
      () => wallet(c),
      (w) => w.total_balance === 4,
    );
    assert.equal(w.total_balance, 4);
    const purchaseId = first.body.id as string;
    const mine = ok(await p.http('GET', `${SS}/purchases/${purchaseId}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/purchases/{id}', 200);
    assert.equal(mine.rewards.award, 4);
    const rewards = ok(
      await p.http('GET', `${SS}/purchases/${purchaseId}/rewards`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/purchases/{id}/rewards',
      200,
    );
    assert.deepEqual(rewards.content, [
      { type: 'AWARD', reward_offer: { id: offerId, name: '10% back on coffee' }, amount: 4, currency_code: 'EUR' },
    ]);
    const list = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/purchases?include_total=true`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/purchases',
      200,
    );
    assert.equal(list.paging.total, 1);
    const perf = ok(
      await p.http('GET', `${SS}/reward_offers/${offerId}/performance`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/reward_offers/{id}/performance',
      200,
    );
    assert.deepEqual(perf, { type: 'AMOUNT', current: 4 });
    ok(await p.http('GET', `${SS}/rewards/merchants`, undefined, asContact(c.id)), 'GET', '/self-service/v2/rewards/merchants', 200);
    const why = await p.http('GET', `${BO}/purchases/${purchaseId}/explanation`);
    assert.equal(why.status, 200, why.text);
    const considered = why.body.offers.find((o: { reward_offer: { id: string } }) => o.reward_offer.id === offerId);
    assert.equal(considered.selected, true);
    assert.equal(considered.awarded_amount, 4);
    assert.deepEqual(
      considered.conditions.map((x: { condition: string; passed: boolean }) => [x.condition, x.passed]),
      [
        ['offer_state', true],
        ['scheme', true],
        ['currency', true],
        ['min_amount', true],
        ['classification', true],
      ],
    );
    assert.equal(why.body.postings[0].outcome, 'POSTED');
    const gql = await p.graphql(`query($id: ID!) { purchase(id: $id) { explanation { resolutions { rule } } } }`, { id: purchaseId });
    assert.deepEqual(gql.body.data?.['purchase']?.explanation?.resolutions, [{ rule: 'ALL' }], gql.text);
  });

  it('a spend the wallet cannot cover with restrict_fully_covered is refused: 400 CANNOTSPEND…, nothing posted, no award', async () => {
    const c = await contactWithWallet('Poor');
    const refused = await p.http(
      'POST',
      `${BO}/purchases`,
      {
        contact: { id: c.id },
        transaction_amounts: { total: 50, net: 50 },
        classification: { name: 'coffee' },
        spend_request: { amount: 5, restrict_fully_covered: true },
      },
      POS,
    );
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.error, 'CRM.EXCEPTIONS.CANNOTSPENDAMOUNTWALLETBALANCENOTENOUGHEXCEPTION');
    assert.equal(refused.body.field, 'spend_request.amount');
    const list = await p.http('GET', `${BO}/purchases?contact_id=${c.id}&include_total=true`);
    assert.equal(list.body.paging.total, 0, list.text);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await wallet(c)).total_balance, 0);
  });

  it('a spend the wallet covers is debited at once; cancel reverses award and spend; a return claws back in proportion', async () => {
    const c = await contactWithWallet('Regular');
    const buy = (net: number, spend?: number, key?: string) =>
      p.http(
        'POST',
        `${BO}/purchases`,
        {
          contact: { id: c.id },
          transaction_amounts: { total: net, net },
          classification: { name: 'coffee' },
          ...(spend ? { spend_request: { amount: spend, restrict_fully_covered: true } } : {}),
        },
        key ? { ...POS, 'idempotency-key': key } : POS,
      );
    const first = await buy(100);
    assert.equal(first.status, 201, first.text);
    await waitFor(
      'award 10',
      () => wallet(c),
      (w) => w.total_balance === 10,
    );
    const second = await buy(30, 6, `spend-${c.id}`);
    assert.equal(second.status, 201, second.text);
    await waitFor(
      '10 - 6 + 3',
      () => wallet(c),
      (w) => w.total_balance === 7,
    );
    const cancel = await p.http('POST', `${BO}/purchases/${second.body.id}/actions`, { action: 'CANCEL' }, POS);
    assert.equal(cancel.status, 200, cancel.text);
    await waitFor(
      'the cancel reverses +3 and -6',
      () => wallet(c),
      (w) => w.total_balance === 10,
    );
    const ret = await p.http('POST', `${BO}/purchases/${first.body.id}/actions`, { action: 'RETURN', transaction_amounts: { net: 25 } }, POS);
    assert.equal(ret.status, 200, ret.text);
    await waitFor(
      'a quarter of the award clawed back',
      () => wallet(c),
      (w) => w.total_balance === 7.5,
    );
    const over = await p.http('POST', `${BO}/purchases/${first.body.id}/actions`, { action: 'RETURN', transaction_amounts: { net: 80 } }, POS);
    assert.equal(over.status, 400, over.text);
    assert.equal(over.body.field, 'transaction_amounts.net');
    const bo = await waitFor(
      'the purchase view',
      () => p.http('GET', `${BO}/purchases/${first.body.id}`),
      (r) => r.body.postings?.every((x: { outcome?: string }) => x.outcome === 'POSTED'),
    );
    assert.deepEqual(
      bo.body.postings.map((x: { type: string; amount: number }) => [x.type, x.amount]),
      [
        ['AWARD', 10],
        ['CLAWBACK', 2.5],
      ],
    );
    assert.equal(bo.body.rewards.award, 7.5);
  });

  it('contacts join and leave a self sign-up scheme; a closed loop needs an address of its domain and a verification', async () => {
    const c = await contactWithWallet('Joiner');
    const self = await scheme({ name: 'Members', sign_up_option: 'SELF_SIGN_UP' });
    const closed = await scheme({ name: 'Staff', sign_up_option: 'CLOSE_LOOP_SIGN_UP', email_domains: ['crm.example'] });
    const schemes = () => p.http('GET', `${SS}/reward_schemes`, undefined, asContact(c.id));
    const before = ok(await schemes(), 'GET', '/self-service/v2/reward_schemes', 200);
    assert.equal(before.content.find((s: { id: string }) => s.id === self).is_signed, false);
    ok(
      await p.http('POST', `${SS}/contacts/${c.id}/reward_schemes`, { action: 'SIGNUP', reward_scheme_id: self }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/reward_schemes',
      201,
    );
    const signed = ok(
      await p.http('GET', `${SS}/reward_schemes?is_signed=true`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/reward_schemes',
      200,
    );
    assert.deepEqual(signed.content.map((s: { id: string }) => s.id).sort(), [schemeId, self].sort());
    const wrong = await p.http(
      'POST',
      `${SS}/contacts/${c.id}/reward_schemes`,
      { action: 'SIGNUP', reward_scheme_id: closed, email_address: 'me@gmail.example' },
      asContact(c.id),
    );
    assert.equal(wrong.status, 400, wrong.text);
    assert.equal(wrong.body.field, 'email_address');
    // staff sign the contact up (a contact gets the code by email, never in the answer)
    const staff = await p.graphql(`mutation($i: RewardSignUpInput!) { signUpRewardScheme(input: $i) { verificationCode errors { field } } }`, {
      i: { contactId: c.id, rewardSchemeId: closed, action: 'SIGN_UP', emailAddress: 'me@crm.example' },
    });
    const code = staff.body.data?.['signUpRewardScheme']?.verificationCode as string;
    assert.ok(code, staff.text);
    const pending = ok(await schemes(), 'GET', '/self-service/v2/reward_schemes', 200);
    assert.equal(pending.content.find((s: { id: string }) => s.id === closed).is_signed, false);
    const otherContact = await p.http(
      'GET',
      `${SS}/contacts/reward_schemes/verification/${code}`,
      undefined,
      asContact('00000000-0000-4000-8000-000000000002'),
    );
    assert.equal(otherContact.status, 400, otherContact.text);
    const verified = await p.http('GET', `${SS}/contacts/reward_schemes/verification/${code}`, undefined, asContact(c.id));
    assert.equal(verified.status, 200, verified.text);
    const after = ok(await schemes(), 'GET', '/self-service/v2/reward_schemes', 200);
    assert.equal(after.content.find((s: { id: string }) => s.id === closed).is_signed, true);
    ok(
      await p.http('POST', `${SS}/contacts/${c.id}/reward_schemes`, { action: 'SIGNOUT', reward_scheme_id: self }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/reward_schemes',
      201,
    );
    const out = ok(await schemes(), 'GET', '/self-service/v2/reward_schemes', 200);
    assert.equal(out.content.find((s: { id: string }) => s.id === self).is_signed, false);
  });

  it('a contact token identifies the contact at the till once, bringing its spend; the contact’s rewards list its schemes', async () => {
    const c = await contactWithWallet('Tokened');
    const seed = await p.http(
      'POST',
      `${BO}/purchases`,
      { contact: { id: c.id }, transaction_amounts: { total: 50, net: 50 }, classification: { name: 'coffee' } },
      POS,
    );
    assert.equal(seed.status, 201, seed.text);
    await waitFor(
      'award 5',
      () => wallet(c),
      (w) => w.total_balance === 5,
    );
    const token = ok(
      await p.http('POST', `${SS}/contacts/${c.id}/tokens`, { intent: 'SPEND', spend_amount: 2 }, asContact(c.id)),
      'POST',
      '/self-service/v2/contacts/{id}/tokens',
      200,
    );
    assert.match(token.value, /^\d{6}$/);
    assert.equal(token.spend_amount, 2);
    const listed = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/tokens`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/tokens',
      200,
    );
    assert.deepEqual(
      listed.content.map((t: { id: string }) => t.id),
      [token.id],
    );
    const foreign = await p.http(
      'POST',
      `${SS}/contacts/${c.id}/tokens`,
      { intent: 'SPEND', spend_amount: 2 },
      asContact('00000000-0000-4000-8000-000000000003'),
    );
    assert.equal(foreign.status, 404, foreign.text);
    const paid = await p.http('POST', `${BO}/purchases`, { contact: { otp: token.value }, transaction_amounts: { total: 10, net: 10 } }, POS);
    assert.equal(paid.status, 201, paid.text);
    await waitFor(
      '5 - 2',
      () => wallet(c),
      (w) => w.total_balance === 3,
    );
    const again = await p.http('POST', `${BO}/purchases`, { contact: { otp: token.value }, transaction_amounts: { total: 10, net: 10 } }, POS);
    assert.equal(again.status, 400, again.text);
    assert.equal(again.body.field, 'contact.otp');
    const gone = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/tokens`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/tokens',
      200,
    );
    assert.deepEqual(gone.content, []);
    const rewards = ok(
      await p.http('GET', `${SS}/contacts/${c.id}/rewards`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/contacts/{id}/rewards',
      200,
    );
    assert.deepEqual(
      rewards.reward_schemes.map((s: { id: string }) => s.id),
      [schemeId],
    );
  });
});
