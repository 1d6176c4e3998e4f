import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../../../testing/test-platform';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { mobilePassKeys } from './mobile-cards';

const SS = '/self-service/v2';
const BO = '/backoffice/v2';
const ANONYMOUS = { 'x-dev-principal': 'anonymous' };

/**
 * (Second file of the passes e2e, split to keep each file within the CI file timeout.)
 * Passes and promotions end to end (REST facade → gateway → rewards-write → ledger through the
 * gateway → bus → read sides): a plan, passes issued with their code and PIN answered once, a
 * redeem crediting the wallet exactly once — also under 20 concurrent redeems of one code —,
 * plan terms frozen once it has passes, a promotion pass's view and promotions; every
 * Self-Service answer validated against the contract.
 */
describe('promotion passes, promotions, mobile pass cards and reclaimed purchases end to end', () => {
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
    p = await startTestPlatform('passes-cards-e2e');
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

  it('a promotion pass is viewed by its token; promotions are listed and read per the contract, deleted ones are gone', async () => {
    const promo = await p.http('POST', `${BO}/promotions`, {
      name: 'Summer promo',
      short_description: 'Two for one',
      currency_code: 'EUR',
      tags: ['summer'],
      organisations: ['shop-1'],
    });
    assert.equal(promo.status, 201, promo.text);
    const promoPlan = await plan({ name: 'Promo codes', type: 'PROMOTION', value_options: { fixed_values: [5] }, promotion_id: promo.body.id });
    const pass = await issue(promoPlan);
    assert.ok(pass.view_token);
    const view = await waitFor(
      'the promotion pass on the read side',
      () => p.http('GET', `${SS}/passes/view_promo_pass?token=${encodeURIComponent(pass.view_token!)}`, undefined, ANONYMOUS),
      (r) => r.status !== 404,
    );
    assert.equal(view.status, 200, view.text);
    assert.match(view.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(view.text.includes(`data-pass-id="${pass.id}"`), view.text);
    assert.ok(view.text.includes('data-value="5"'), view.text);
    assert.ok(!view.text.includes(pass.code), 'the page never shows the code');
    const missing = await p.http('GET', `${SS}/passes/view_promo_pass?token=nope`, undefined, ANONYMOUS);
    assert.equal(missing.status, 404, missing.text);

    const list = ok(
      await waitFor(
        'the promotion on the read side',
        () => p.http('GET', `${SS}/promotions?promotion_tags=summer`, undefined, ANONYMOUS),
        (r) => r.status !== 200 || (r.body as { content: unknown[] }).content.length > 0,
      ),
      'GET',
      '/self-service/v2/promotions',
      200,
    );
    assert.deepEqual(
      list.content.map((x: { id: string }) => x.id),
      [promo.body.id],
    );
    const c = await contactWithWallet('Promo');
    const one = ok(
      await p.http('GET', `${SS}/promotions/${promo.body.id}`, undefined, asContact(c.id)),
      'GET',
      '/self-service/v2/promotions/{id}',
      200,
    );
    assert.equal(one.name, 'Summer promo');
    assert.deepEqual(one.targets.organisations, [{ id: 'shop-1' }]);
    const del = await p.http('DELETE', `${BO}/promotions/${promo.body.id}`);
    assert.equal(del.status, 204, del.text);
    const gone = await waitFor(
      'the deletion on the read side',
      () => p.http('GET', `${SS}/promotions/${promo.body.id}`, undefined, asContact(c.id)),
      (r) => r.status !== 200,
    );
    assert.equal(gone.status, 404, gone.text);
  });

  it('mobile pass cards: a signed .pkpass and a Google Wallet save link show the wallet code and balance; another contact’s is a 404', async () => {
    const c = await contactWithWallet('Carded');
    const pass = await issue(giftPlan, { pass_value: 25 });
    const r = await p.http('POST', `${SS}/passes/redeem`, { code: pass.code, pin: pass.pin, organisation: {} }, asContact(c.id));
    assert.equal(r.status, 200, r.text);
    await waitFor(
      'the pass value in the wallet',
      () => balance(c),
      (b) => b === 25,
    );
    const wallet = ok(await p.http('GET', `${SS}/wallets/${c.wallet.id}`, undefined, asContact(c.id)), 'GET', '/self-service/v2/wallets/{id}', 200);
    const org = '7b1f0a52-3c1e-4a8e-9d55-0c2f8d6b9a11';
    const keys = mobilePassKeys();

    const res = await fetch(`${p.url}${SS}/apple_pass/${org}/contacts/${c.id}`, { headers: { 'x-dev-tenant': p.tenant, ...asContact(c.id) } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'application/vnd.apple.pkpass');
    const dir = mkdtempSync(join(tmpdir(), 'pkpass-'));
    writeFileSync(join(dir, 'wallet.pkpass'), Buffer.from(await res.arrayBuffer()));
    execFileSync('unzip', ['-q', '-o', join(dir, 'wallet.pkpass'), '-d', dir]);
    const passJson = JSON.parse(readFileSync(join(dir, 'pass.json'), 'utf8'));
    assert.equal(passJson.barcodes[0].message, wallet.code);
    assert.equal(passJson.storeCard.primaryFields[0].value, 25);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.equal(
      manifest['pass.json'],
      createHash('sha1')
        .update(readFileSync(join(dir, 'pass.json')))
        .digest('hex'),
    );
    writeFileSync(join(dir, 'wwdr.pem'), keys.apple.wwdr);
    // the detached PKCS#7 signature of the manifest verifies against the signer chain (openssl, as a phone would)
    execFileSync(
      'openssl',
      [
        'smime',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'signature'),
        '-content',
        join(dir, 'manifest.json'),
        '-CAfile',
        join(dir, 'wwdr.pem'),
        '-purpose',
        'any',
        '-out',
        join(dir, 'verified'),
      ],
      { stdio: 'pipe' },
    );
    assert.deepEqual(readFileSync(join(dir, 'verified')), readFileSync(join(dir, 'manifest.json')));

    const link = await p.http('GET', `${SS}/google_pass/${org}/contacts/${c.id}`, undefined, asContact(c.id));
    assert.equal(link.status, 200, link.text);
    assert.match(link.body as string, /^https:\/\/pay\.google\.com\/gp\/v\/save\//);
    const claims = jwt.verify((link.body as string).split('/').pop()!, keys.google.publicKey!, { algorithms: ['RS256'] }) as any;
    assert.equal(claims.typ, 'savetowallet');
    assert.equal(claims.payload.loyaltyObjects[0].accountId, wallet.code);
    assert.equal(claims.payload.loyaltyObjects[0].loyaltyPoints.balance.money.micros, '25000000');

    const other = await contactWithWallet('Nosy');
    for (const kind of ['apple_pass', 'google_pass', 'android_wallet_pass']) {
      const foreign = await p.http('GET', `${SS}/${kind}/${org}/contacts/${c.id}`, undefined, asContact(other.id));
      assert.equal(foreign.status, 404, `${kind}: ${foreign.text}`);
    }
  });

  it('a processor-submitted purchase is reclaimed once by the contact with its receipt: its awards reach the wallet once', async () => {
    const scheme = await p.http('POST', `${BO}/reward_schemes`, { name: 'Processor club', sign_up_option: 'AUTO_SIGN_UP' });
    assert.equal(scheme.status, 201, scheme.text);
    const offer = await p.http('POST', `${BO}/reward_offers`, {
      scheme_id: scheme.body.id,
      name: '2 back on fuel',
      conditions: { classifications: ['fuel'] },
      award: { method: 'FIXED', amount: 2 },
    });
    assert.equal(offer.status, 201, offer.text);
    assert.equal((await p.http('PUT', `${BO}/reward_offers/${offer.body.id}/life_cycle_state`, { state: 'ACTIVE' })).status, 200);
    const submitted = await p.http('POST', `${BO}/processor_purchases`, {
      transaction_code: 'RCPT-0001',
      transaction_amounts: { total: 30, net: 25 },
      classification: { name: 'fuel' },
    });
    assert.equal(submitted.status, 201, submitted.text);
    const c = await contactWithWallet('Claimer');
    const wrong = await p.http('POST', `${SS}/purchases/reclaim`, { id: submitted.body.id, transaction_code: 'RCPT-9999' }, asContact(c.id));
    assert.equal(wrong.status, 404, wrong.text);
    const body = { id: submitted.body.id, transaction_code: 'RCPT-0001', transaction_amounts: { total: 30, net: 25, tax: 5 } };
    const claimed = ok(await p.http('POST', `${SS}/purchases/reclaim`, body, asContact(c.id)), 'POST', '/self-service/v2/purchases/reclaim', 201);
    const again = ok(await p.http('POST', `${SS}/purchases/reclaim`, body, asContact(c.id)), 'POST', '/self-service/v2/purchases/reclaim', 201);
    assert.equal(again.id, claimed.id, 'a retry answers the same purchase');
    await waitFor(
      'the award of the reclaimed purchase',
      () => balance(c),
      (b) => b === 2,
    );
    const other = await contactWithWallet('Second claimer');
    const taken = await p.http('POST', `${SS}/purchases/reclaim`, body, asContact(other.id));
    assert.equal(taken.status, 409, taken.text);
    assert.equal(await balance(c), 2, 'awarded once');
  });
});
