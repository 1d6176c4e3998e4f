import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { startSmtpSink, type SmtpSink } from '../../../testing/smtp-sink';
import { eventually } from '../../../testing/eventually';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

const SS = '/self-service/v2';
const PASSWORD = 'Correct-Horse-Battery-9';

interface Auth {
  access_token: string;
  contact: { id: string };
}

/**
 * NOTES §7 flow 16 end to end with real credentials (the application's public api_key, contact
 * tokens; no development headers): a contact sets up its wallet's identity; the same person,
 * registered again as another contact, finds the wallet (wallet_exists), gets a one-time code at
 * that address (engagement → SMTP) and links the wallet, which its contact record then shows and
 * it can spend from. Every answer is validated against the contract; refusals name the field.
 */
describe('ledger flow 16: wallet identity, OTP and linking an existing wallet', () => {
  let p: TestPlatform;
  let sink: SmtpSink;
  let publicKey: string;
  let secretKey: string;
  const validate = loadSelfServiceResponseValidator();

  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const r = await exactCall<T>(p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  const ok = (r: HttpResult, method: string, template: string, status: number) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body as any;
  };
  const refused = (r: HttpResult, status: number, field?: string) => {
    assert.equal(r.status, status, r.text);
    if (field) assert.equal((r.body as any).field, field, r.text);
  };
  const key = () => ({ api_key: publicKey });
  const as = (a: Auth) => ({ api_key: publicKey, authorization: `Bearer ${a.access_token}` });

  async function register(first: string, email: string): Promise<Auth> {
    const r = await call<Auth>(
      'POST',
      `${SS}/contacts/register`,
      { first_name: first, last_name: 'Wallet', identification: { provider: 'EMAIL', email, password: PASSWORD } },
      key(),
    );
    assert.equal(r.status, 201, r.text);
    return r.body;
  }
  const walletOf = async (a: Auth) =>
    eventually(`the wallet of ${a.contact.id}`, async () => {
      const r = await call('GET', `${SS}/contacts/${a.contact.id}`, undefined, as(a));
      return r.status === 200 ? ((r.body as any).wallet as { id: string; code: string } | undefined) : undefined;
    });
  const exists = async (type: string, value: string) =>
    ok(
      await call('GET', `${SS}/wallets/wallet_exists?type=${type}&value=${encodeURIComponent(value)}`, undefined, key()),
      'GET',
      `${SS}/wallets/wallet_exists`,
      200,
    ).wallet_exists as boolean;
  const codeSentTo = (address: string, after: number) =>
    eventually(`a wallet code mailed to ${address}`, async () => {
      const mail = sink.mails.slice(after).find((m) => m.to.includes(address) && m.subject === 'Your wallet code');
      return mail ? /\b(\d{6})\b/.exec(mail.text)![1]! : undefined;
    });

  before(async () => {
    sink = await startSmtpSink();
    p = await startTestPlatform('ledger-wallet-link-e2e', { SMTP_URL: sink.url, COMMS_SENDER: 'wallet@shop.test', COMMS_POLL_MS: '50' });
    const t = await p.identityWrite.createTenant({
      name: 'Wallet Shop',
      ownerEmail: 'owner@wallet-shop.example',
      ownerPassword: PASSWORD,
      applicationName: 'Shop App',
    });
    publicKey = t.publicApiKey;
    secretKey = t.secretApiKey;
  });
  after(async () => {
    await p?.stop();
    await sink?.stop();
  });

  it('sets up an identity, finds the wallet by it, sends a code there and links the wallet to the second contact', async () => {
    const eva = await register('Eva', 'eva@wallet.example');
    const evaWallet = await walletOf(eva);
    assert.equal(await exists('EMAIL', 'eva@wallet.example'), false);

    // 1. the first business: Eva's wallet gets her e-mail as identity (again: nothing changes)
    for (let i = 0; i < 2; i++)
      ok(
        await call(
          'POST',
          `${SS}/contacts/${eva.contact.id}/wallets`,
          { otp: null, code: null, identity: { type: 'EMAIL', value: 'Eva@Wallet.example' } },
          as(eva),
        ),
        'POST',
        `${SS}/contacts/{id}/wallets`,
        201,
      );
    await eventually('wallet_exists for Eva', async () => (await exists('EMAIL', 'eva@wallet.example')) || undefined);
    assert.equal(await exists('EMAIL', 'nobody@wallet.example'), false);

    // the same person registers again (a second business of the network): another contact, its own empty wallet
    const eva2 = await register('Eva', 'eva.second@wallet.example');
    const ownWallet = await walletOf(eva2);
    assert.notEqual(ownWallet.id, evaWallet.id);
    // claiming Eva's identity without proving it is refused
    refused(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: null, code: null, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(eva2),
      ),
      409,
      'identity',
    );

    // 2. a code to the identity's address (not to the asking contact)
    const before = sink.mails.length;
    ok(
      await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'eva@wallet.example' } }, as(eva2)),
      'POST',
      `${SS}/wallets/otp`,
      204,
    );
    const code = await codeSentTo('eva@wallet.example', before);
    assert.equal(
      sink.mails.slice(before).some((m) => m.to.includes('eva.second@wallet.example')),
      false,
    );

    // a wrong code and another wallet's code are refused naming the field; nothing is linked
    const wrong = code === '000000' ? '111111' : '000000';
    refused(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: wrong, code: null, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(eva2),
      ),
      400,
      'otp',
    );
    refused(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: code, code: ownWallet.code, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(eva2),
      ),
      400,
      'code',
    );
    // another contact cannot use Eva 2's code, nor act for her
    const mallory = await register('Mallory', 'mallory@wallet.example');
    await walletOf(mallory);
    refused(
      await call(
        'POST',
        `${SS}/contacts/${mallory.contact.id}/wallets`,
        { otp: code, code: null, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(mallory),
      ),
      400,
      'otp',
    );
    refused(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: code, code: null, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(mallory),
      ),
      404,
    );

    // 3. the right code links Eva's wallet (its code checked)
    ok(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: code, code: evaWallet.code, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(eva2),
      ),
      'POST',
      `${SS}/contacts/{id}/wallets`,
      201,
    );
    // the code is spent
    refused(
      await call(
        'POST',
        `${SS}/contacts/${eva2.contact.id}/wallets`,
        { otp: code, code: null, identity: { type: 'EMAIL', value: 'eva@wallet.example' } },
        as(eva2),
      ),
      400,
      'otp',
    );

    // 4. the same wallet code now appears on the second contact
    const linked = await eventually('the linked wallet on the second contact', async () => {
      const w = await walletOf(eva2);
      return w.id === evaWallet.id ? w : undefined;
    });
    assert.equal(linked.code, evaWallet.code);
    // and the second contact uses it: reads it and spends from it
    const credit = await call(
      'POST',
      `/backoffice/v2/contacts/${eva.contact.id}/journals`,
      { action: 'CREDIT', entity: 'WALLET', amount: 10, currency_code: 'EUR', notes: 'flow 16' },
      { api_key: secretKey },
    );
    assert.equal(credit.status, 201, credit.text);
    const read = ok(await call('GET', `${SS}/wallets/${evaWallet.id}`, undefined, as(eva2)), 'GET', `${SS}/wallets/{id}`, 200);
    assert.equal(read.id, evaWallet.id);
    const sent = await call(
      'POST',
      `${SS}/transfers`,
      { origin: { wallet_id: evaWallet.id }, destination: { wallet_id: ownWallet.id }, amount: 4 },
      as(eva2),
    );
    assert.equal(sent.status, 201, sent.text);
    // Mallory still cannot
    refused(await call('GET', `${SS}/wallets/${evaWallet.id}`, undefined, as(mallory)), 404);
    refused(
      await call(
        'POST',
        `${SS}/transfers`,
        { origin: { wallet_id: evaWallet.id }, destination: { wallet_id: ownWallet.id }, amount: 1 },
        as(mallory),
      ),
      404,
    );
  });

  it('refuses bad input naming the field: unknown identity for a code, bad type, missing value, too many codes', async () => {
    const zoe = await register('Zoe', 'zoe@wallet.example');
    await walletOf(zoe);
    refused(await call('GET', `${SS}/wallets/wallet_exists?type=FAX&value=1`, undefined, key()), 400, 'type');
    refused(await call('GET', `${SS}/wallets/wallet_exists?type=EMAIL`, undefined, key()), 400, 'value');
    refused(await call('GET', `${SS}/wallets/wallet_exists?type=EMAIL&value=a@b.example`, undefined, { api_key: 'crm_pk_live_notarealkey' }), 401);
    refused(await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'nobody@wallet.example' } }, as(zoe)), 404);
    refused(await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'not-an-address' } }, as(zoe)), 400, 'identity.value');
    refused(await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'eva@wallet.example' } }, key()), 401);
    refused(
      await call(
        'POST',
        `${SS}/contacts/${zoe.contact.id}/wallets`,
        { otp: null, code: '12', identity: { type: 'PHONE', value: '99123456' } },
        as(zoe),
      ),
      400,
      'code',
    );
    // five codes an hour, then 429 (a message to an address the contact names is not free)
    for (let i = 0; i < 5; i++)
      ok(
        await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'eva@wallet.example' } }, as(zoe)),
        'POST',
        `${SS}/wallets/otp`,
        204,
      );
    refused(await call('POST', `${SS}/wallets/otp`, { identity: { type: 'EMAIL', value: 'eva@wallet.example' } }, as(zoe)), 429);
  });
});
