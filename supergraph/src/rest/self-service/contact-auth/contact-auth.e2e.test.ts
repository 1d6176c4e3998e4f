import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';
import { loadSelfServiceResponseValidator } from '../../kit/openapi-validator';

/**
 * NOTES §7 flows 1–5 (Self-Service registration, sign-in, OTP, refresh, sign-out, password reset)
 * through the REST facade on the real platform. Every call goes straight to the public origin
 * with only `api_key` and `authorization` (no x-dev-* headers), and every success is validated
 * against the Self-Service v2 OpenAPI response schema. Codes and tokens come from the development
 * outbox (`GET /dev/outbox?to=`).
 */

const SS = '/self-service/v2/contacts';
const PASSWORD = 'Correct-Horse-Battery-9';

interface Tenant {
  tenantId: string;
  publicApiKey: string;
  secretApiKey: string;
}
interface Auth {
  access_token: string;
  refresh_token: string;
  expiration_date: number;
  contact: { id: string; type?: string; first_name?: string; last_name?: string; is_verified?: boolean };
  organisations: unknown[];
  auth_otp?: string;
  obfuscated_value?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('self-service authentication through the REST facade (NOTES §7 flows 1-5)', () => {
  let p: TestPlatform;
  let t: Tenant;
  const validate = loadSelfServiceResponseValidator();
  const statuses: string[] = [];
  const key = () => ({ api_key: t.publicApiKey });
  const as = (a: Auth) => ({ ...key(), ...bearer(a.access_token) });

  /** A call with exactly `headers`; never a 5xx; failures are `{error: CRM.EXCEPTIONS.X, message}`. */
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const r = await exactCall<T>(p.url, method, path, body, headers);
    statuses.push(`${r.status} ${method} ${path}`);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }

  /** Asserts the status and validates the body against the spec's response schema of `template`. */
  function expectOk<T>(r: HttpResult<T>, method: string, template: string, status: number): T {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body;
  }

  function expectError(r: HttpResult, status: number, error?: string, field?: string, label = ''): void {
    assert.equal(r.status, status, `${label} ${r.text}`);
    if (error) assert.equal((r.body as any).error, `CRM.EXCEPTIONS.${error}`, `${label} ${r.text}`);
    if (field) assert.equal((r.body as any).field, field, `${label} ${r.text}`);
  }

  function assertTokens(a: Auth, label: string): void {
    assert.equal(typeof a.access_token, 'string', label);
    assert.ok(a.refresh_token.startsWith('crm_rt_'), label);
    assert.ok(Number.isInteger(a.expiration_date) && a.expiration_date > Date.now() / 1000, label);
    assert.deepEqual(a.organisations, [], label);
    assert.equal(a.auth_otp, undefined, label);
    assert.ok(!JSON.stringify(a).includes('null'), `${label}: nulls are omitted`);
  }

  const seen = new Map<string, number>();
  /** The newest dev-outbox message to `to` that was not read before. */
  async function nextMessage(to: string): Promise<string> {
    const before = seen.get(to) ?? 0;
    for (let i = 0; i < 200; i++) {
      const r = await fetch(`${p.url}/dev/outbox?to=${encodeURIComponent(to)}`);
      assert.equal(r.status, 200);
      const body = (await r.json()) as { messages: { channel: string; to: string; body: string }[] };
      if (body.messages.length > before) {
        seen.set(to, body.messages.length);
        assert.equal(body.messages[0]!.to, to);
        return body.messages[0]!.body;
      }
      await sleep(25);
    }
    throw new Error(`nothing new in the dev outbox for ${to}`);
  }
  const codeFor = async (to: string) => /\b([0-9]{6})\b/.exec(await nextMessage(to))![1]!;
  const linkTokenFor = async (to: string) => /crm_(?:pr|ev)_[A-Za-z0-9_-]+/.exec(await nextMessage(to))![0];

  const register = (body: unknown, headers: Record<string, string> = key()) => call<Auth>('POST', `${SS}/register`, body, headers);
  const authenticate = (body: unknown) => call<Auth>('POST', `${SS}/authenticate`, body, key());
  const validateOtp = (auth_otp: string, code: string) => call<Auth>('POST', `${SS}/validate_otp`, { auth_otp, code }, key());
  const exists = async (query: string): Promise<boolean> =>
    expectOk(await call<{ contact_exists: boolean }>('GET', `${SS}?${query}`, undefined, key()), 'GET', SS, 200).contact_exists;

  async function registerWithPassword(first: string, email: string, password = PASSWORD): Promise<Auth> {
    const r = await register({ first_name: first, last_name: 'Tester', identification: { provider: 'EMAIL', email, password } });
    const a = expectOk(r, 'POST', `${SS}/register`, 201);
    assertTokens(a, `register ${email}`);
    return a;
  }

  before(async () => {
    p = await startTestPlatform('rest-self-service-auth');
    t = await p.identityWrite.createTenant({
      name: 'Self-Service Shop',
      ownerEmail: 'owner@ss-shop.example',
      ownerPassword: PASSWORD,
      applicationName: 'Shop App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('flow 1: registers with a phone and an OTP, validates it, and reads its own contact at once', async () => {
    // 1. register → 201 with auth_otp and obfuscated_value, no tokens
    const reg = expectOk(
      await register({
        first_name: 'Pat',
        last_name: 'Phone',
        identification: { provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' } },
        sms_opt_out: false,
        email_opt_out: true,
      }),
      'POST',
      `${SS}/register`,
      201,
    );
    assert.equal(reg.access_token, undefined, 'no tokens before the OTP is validated');
    assert.equal(reg.refresh_token, undefined);
    assert.equal(reg.obfuscated_value, '*****200');
    assert.match(reg.auth_otp ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(reg.contact, { id: reg.contact.id, type: 'PERSON', first_name: 'Pat', last_name: 'Phone', is_verified: false });

    // 2. the SMS with a 6-digit code
    const code = await codeFor('CYP:99100200');

    // 3. validate_otp → tokens, contact{id, …}, organisations[]
    const v = expectOk(await validateOtp(reg.auth_otp!, code), 'POST', `${SS}/validate_otp`, 200);
    assertTokens(v, 'validate_otp');
    assert.deepEqual(v.contact, { id: reg.contact.id, type: 'PERSON', first_name: 'Pat', last_name: 'Phone', is_verified: true });

    // 4. GET the contact with the new token: visible at once (read-your-writes under the new token)
    const me = expectOk(await call('GET', `${SS}/${v.contact.id}`, undefined, as(v)), 'GET', `${SS}/{id}`, 200);
    assert.equal(me.id, v.contact.id);
    assert.equal(me.first_name, 'Pat');
    assert.deepEqual(me.phone && [me.phone.country_code, me.phone.number], ['CYP', '99100200']);
    assert.equal(me.email_opt_out, true);

    // a code works once; registering the same phone again conflicts
    expectError(await validateOtp(reg.auth_otp!, code), 401, 'INVALIDLOGINEXCEPTION');
    const again = await register({ first_name: 'Pat', last_name: 'Again', identification: { phone_number: 'CYP:99 100 200' } });
    expectError(again, 409, 'CONFLICTEXCEPTION', 'identification.phone');
  });

  it('flow 2: registers with email and password, verifies the email, and signs in', async () => {
    // 1. register → 201 with tokens at once
    const reg = await registerWithPassword('Eva', 'Eva@Example.com');
    assert.deepEqual(reg.contact, { id: reg.contact.id, type: 'PERSON', first_name: 'Eva', last_name: 'Tester', is_verified: false });
    const me = expectOk(await call('GET', `${SS}/${reg.contact.id}`, undefined, as(reg)), 'GET', `${SS}/{id}`, 200);
    assert.equal(me.email, 'eva@example.com');
    expectError(
      await register({ first_name: 'Eva', last_name: 'Twice', identification: { email: 'eva@example.com', password: PASSWORD } }),
      409,
      'CONFLICTEXCEPTION',
      'identification.email',
    );

    // 2. request_email_verification, then verify_email?token=
    expectOk(
      await call('POST', `${SS}/request_email_verification`, { email_address: 'eva@example.com' }, key()),
      'POST',
      `${SS}/request_email_verification`,
      204,
    );
    expectOk(
      await call('POST', `${SS}/request_email_verification`, { email_address: 'nobody@example.com' }, key()),
      'POST',
      `${SS}/request_email_verification`,
      204,
    );
    const token = await linkTokenFor('eva@example.com');
    assert.match(token, /^crm_ev_/);
    const verified = await call('GET', `${SS}/verify_email?token=${encodeURIComponent(token)}`, undefined, key());
    expectOk(verified, 'GET', `${SS}/verify_email`, 200);
    assert.equal(verified.text, '');
    expectError(
      await call('GET', `${SS}/verify_email?token=${encodeURIComponent(token)}`, undefined, key()),
      400,
      'INVALIDVALUEEXCEPTION',
      'token',
      'a link works once',
    );

    // 3. authenticate → tokens; the contact is now verified and carries its names
    const login = expectOk(
      await authenticate({ provider: 'EMAIL', username: 'eva@example.com', password: PASSWORD }),
      'POST',
      `${SS}/authenticate`,
      200,
    );
    assertTokens(login, 'authenticate');
    assert.deepEqual(login.contact, { id: reg.contact.id, type: 'PERSON', first_name: 'Eva', last_name: 'Tester', is_verified: true });
    expectOk(await call('GET', `${SS}/${reg.contact.id}`, undefined, as(login)), 'GET', `${SS}/{id}`, 200);

    // wrong password and unknown user: the same 401
    const wrong = await authenticate({ provider: 'EMAIL', username: 'eva@example.com', password: 'Not-Her-Password-1' });
    const unknown = await authenticate({ provider: 'EMAIL', username: 'nobody@example.com', password: 'Not-Her-Password-1' });
    const strip = (r: HttpResult) => JSON.stringify({ ...(r.body as object), correlation_id: undefined });
    expectError(wrong, 401, 'INVALIDLOGINEXCEPTION');
    assert.equal(strip(unknown), strip(wrong));
    // a contact token cannot see another contact (404: not even its existence is revealed)
    const other = await registerWithPassword('Otto', 'otto.other@example.com');
    expectError(await call('GET', `${SS}/${other.contact.id}`, undefined, as(login)), 404, 'NOTFOUNDEXCEPTION');
  });

  it('flow 3: a returning contact checks existence and signs in with a one-time code', async () => {
    // setup: a contact registered with a phone
    const reg = expectOk(
      await register({ first_name: 'Olga', last_name: 'Otp', identification: { phone_number: '99100300', country_code: 'CYP' } }),
      'POST',
      `${SS}/register`,
      201,
    );
    expectOk(await validateOtp(reg.auth_otp!, await codeFor('CYP:99100300')), 'POST', `${SS}/validate_otp`, 200);

    // 1. GET /contacts?phone=… → {contact_exists: true}
    assert.equal(await exists('phone=99100300&country_code=CYP'), true);
    assert.equal(await exists(`phone=${encodeURIComponent('CYP:99 100 300')}`), true);
    assert.equal(await exists('phone=99100399&country_code=CYP'), false);
    assert.equal(await exists('email_address=eva%40example.com'), true);
    assert.equal(await exists('email_address=nobody%40example.com'), false);

    // 2. POST /otp → {auth_otp, obfuscated_value}
    const sent = expectOk(
      await call<{ auth_otp: string; obfuscated_value: string }>(
        'POST',
        `${SS}/otp`,
        { method: 'SMS', credentials: [{ name: 'PHONE', value: 'CYP:99100300' }] },
        key(),
      ),
      'POST',
      `${SS}/otp`,
      200,
    );
    assert.deepEqual(Object.keys(sent).sort(), ['auth_otp', 'obfuscated_value']);
    assert.equal(sent.obfuscated_value, '*****300');
    const code = await codeFor('CYP:99100300');

    // a wrong code is a failed sign-in; the right one still works after it
    expectError(await validateOtp(sent.auth_otp, code === '000000' ? '111111' : '000000'), 401, 'INVALIDLOGINEXCEPTION');

    // 3. validate_otp → tokens
    const v = expectOk(await validateOtp(sent.auth_otp, code), 'POST', `${SS}/validate_otp`, 200);
    assertTokens(v, 'validate_otp');
    assert.deepEqual(v.contact, { id: reg.contact.id, type: 'PERSON', first_name: 'Olga', last_name: 'Otp', is_verified: true });

    // the same by email (the code goes by email); and PHONE sign-in through authenticate
    const byEmail = expectOk(
      await call('POST', `${SS}/otp`, { credentials: [{ name: 'EMAIL', value: 'eva@example.com' }] }, key()),
      'POST',
      `${SS}/otp`,
      200,
    );
    const eva = expectOk(await validateOtp(byEmail.auth_otp, await codeFor('eva@example.com')), 'POST', `${SS}/validate_otp`, 200);
    assert.equal(eva.contact.first_name, 'Eva');
    const viaAuth = expectOk(
      await authenticate({ provider: 'PHONE', phone: { number: '99100300', country_code: 'CYP' } }),
      'POST',
      `${SS}/authenticate`,
      200,
    );
    assert.equal(viaAuth.access_token, undefined);
    assert.equal(viaAuth.obfuscated_value, '*****300');
    expectOk(await validateOtp(viaAuth.auth_otp!, await codeFor('CYP:99100300')), 'POST', `${SS}/validate_otp`, 200);
    // an unknown credential: 404 on /otp, the usual failed sign-in on /authenticate
    expectError(
      await call('POST', `${SS}/otp`, { method: 'SMS', credentials: [{ name: 'PHONE', value: 'CYP:99100399' }] }, key()),
      404,
      'NOTFOUNDEXCEPTION',
    );
    expectError(await authenticate({ phone: { number: '99100399', country_code: 'CYP' } }), 401, 'INVALIDLOGINEXCEPTION');
  });

  it('flow 4: refreshes after a 401, signs out, and the old tokens stop working', async () => {
    const login = await registerWithPassword('Rita', 'rita@example.com');
    const id = login.contact.id;

    // 1. an API call returns 401
    const tampered = `${login.access_token.slice(0, -4)}AAAA`;
    expectError(await call('GET', `${SS}/${id}`, undefined, as({ ...login, access_token: tampered })), 401, 'UNAUTHORIZEDEXCEPTION');

    // 2. refresh (Bearer = the refresh token) → a new pair
    const refreshed = expectOk(
      await call<Auth>('POST', `${SS}/refresh`, undefined, { ...key(), ...bearer(login.refresh_token) }),
      'POST',
      `${SS}/refresh`,
      200,
    );
    assertTokens(refreshed, 'refresh');
    assert.notEqual(refreshed.refresh_token, login.refresh_token);
    assert.equal(refreshed.contact.id, id);
    assert.equal(refreshed.contact.first_name, 'Rita');
    expectOk(await call('GET', `${SS}/${id}`, undefined, as(refreshed)), 'GET', `${SS}/{id}`, 200);
    // a client generated from the contract sends the bearer refresh token alone (it names its tenant)
    const bare = expectOk(await call<Auth>('POST', `${SS}/refresh`, undefined, bearer(refreshed.refresh_token)), 'POST', `${SS}/refresh`, 200);
    assert.equal(bare.contact.id, id);
    expectError(await call('POST', `${SS}/refresh`, undefined, { ...key(), ...bearer('crm_rt_not-a-real-token') }), 401);

    // 3. sign out → 204; only the token's own contact id is accepted
    expectError(await call('POST', `${SS}/${randomUUID()}/sign_out`, undefined, as(refreshed)), 403, 'FORBIDDENEXCEPTION');
    expectError(await call('POST', `${SS}/${id}/sign_out`, undefined, key()), 401);
    const out = await call('POST', `${SS}/${id}/sign_out`, undefined, as(refreshed));
    expectOk(out, 'POST', `${SS}/{id}/sign_out`, 204);
    assert.equal(out.text, '');
    expectError(
      await call('POST', `${SS}/refresh`, undefined, { ...key(), ...bearer(refreshed.refresh_token) }),
      401,
      undefined,
      undefined,
      'the refresh token dies with the session',
    );
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      refused = (await call('GET', `${SS}/${id}`, undefined, as(refreshed))).status === 401;
      if (!refused) await sleep(50);
    }
    assert.ok(refused, 'the signed-out access token gets 401');
  });

  it('flow 5: resets a forgotten password with the emailed token', async () => {
    await registerWithPassword('Fay', 'fay@example.com', 'Fay-Old-Password-1');
    // 1. forgot_password → 204 (also for an unknown email); the email carries the token
    expectOk(await call('POST', `${SS}/forgot_password`, { username: 'fay@example.com' }, key()), 'POST', `${SS}/forgot_password`, 204);
    expectOk(await call('POST', `${SS}/forgot_password`, { username: 'ghost@example.com' }, key()), 'POST', `${SS}/forgot_password`, 204);
    const token = await linkTokenFor('fay@example.com');
    assert.match(token, /^crm_pr_/);

    // 2. change_password {token, password} → 204; the token works once
    expectError(
      await call('POST', `${SS}/change_password`, { token, password: 'short' }, key()),
      400,
      'INVALIDVALUEEXCEPTION',
      'password',
      'weak password',
    );
    expectOk(await call('POST', `${SS}/change_password`, { token, password: 'Fay-New-Password-2' }, key()), 'POST', `${SS}/change_password`, 204);
    expectError(
      await call('POST', `${SS}/change_password`, { token, password: 'Fay-Other-Password-3' }, key()),
      400,
      'INVALIDVALUEEXCEPTION',
      'token',
      'used token',
    );

    // 3. authenticate with the new password (the old one is refused)
    expectError(await authenticate({ provider: 'EMAIL', username: 'fay@example.com', password: 'Fay-Old-Password-1' }), 401, 'INVALIDLOGINEXCEPTION');
    const login = expectOk(
      await authenticate({ provider: 'EMAIL', username: 'fay@example.com', password: 'Fay-New-Password-2' }),
      'POST',
      `${SS}/authenticate`,
      200,
    );
    assertTokens(login, 'authenticate with the new password');
  });

  it('changes the password while signed in and adds an email identity to a phone contact', async () => {
    const reg = expectOk(
      await register({
        first_name: 'Ivy',
        last_name: 'Identity',
        identification: { provider: 'PHONE', phone: { number: '99100400', country_code: 'CYP' } },
      }),
      'POST',
      `${SS}/register`,
      201,
    );
    const v = expectOk(await validateOtp(reg.auth_otp!, await codeFor('CYP:99100400')), 'POST', `${SS}/validate_otp`, 200);
    const id = v.contact.id;
    const identity = { provider: 'EMAIL', email: 'ivy@example.com', password: 'Ivy-Password-123' };
    // another contact's id is answered as unknown (404), whether or not it exists
    expectError(await call('POST', `${SS}/${randomUUID()}/identities`, identity, as(v)), 404, 'NOTFOUNDEXCEPTION');
    expectError(await call('POST', `${SS}/${randomUUID()}/change_password`, { password: 'Ivy-Password-789' }, as(v)), 404, 'NOTFOUNDEXCEPTION');
    const added = expectOk(await call('POST', `${SS}/${id}/identities`, identity, as(v)), 'POST', `${SS}/{id}/identities`, 201);
    assert.deepEqual(added, { id });
    expectError(await call('POST', `${SS}/${id}/identities`, identity, as(v)), 409, 'CONFLICTEXCEPTION', 'email');
    const login = expectOk(await authenticate({ username: 'ivy@example.com', password: 'Ivy-Password-123' }), 'POST', `${SS}/authenticate`, 200);
    assert.equal(login.contact.id, id);

    const change = `${SS}/${id}/change_password`;
    expectError(
      await call('POST', change, { password: 'Ivy-Password-456', current_password: 'wrong-password' }, as(login)),
      400,
      'INVALIDVALUEEXCEPTION',
      'current_password',
    );
    expectError(await call('POST', change, { password: 'Ivy-Password-456' }, key()), 401);
    expectOk(
      await call('POST', change, { password: 'Ivy-Password-456', current_password: 'Ivy-Password-123' }, as(login)),
      'POST',
      `${SS}/{id}/change_password`,
      204,
    );
    expectError(await authenticate({ username: 'ivy@example.com', password: 'Ivy-Password-123' }), 401, 'INVALIDLOGINEXCEPTION');
    expectOk(await authenticate({ username: 'ivy@example.com', password: 'Ivy-Password-456' }), 'POST', `${SS}/authenticate`, 200);
  });

  it('locks out repeated failed sign-ins with 429 and Retry-After', async () => {
    const seenStatuses: number[] = [];
    let locked: HttpResult | undefined;
    for (let i = 0; i < 8 && !locked; i++) {
      const r = await authenticate({ provider: 'EMAIL', username: 'ghost@lock.example', password: `Wrong-Password-${i}` });
      seenStatuses.push(r.status);
      if (r.status === 429) locked = r;
    }
    assert.ok(locked, `no 429 after ${seenStatuses.join(',')}`);
    assert.deepEqual(seenStatuses.slice(0, 5), [401, 401, 401, 401, 401]);
    expectError(locked, 429, 'TOOMANYREQUESTSEXCEPTION');
    assert.match(locked.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  });

  it('answers a corpus of bad requests with 4xx {error, message} and creates nothing', async () => {
    const person = (identification: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      first_name: 'Bad',
      last_name: 'Input',
      identification,
      ...extra,
    });
    const goodEmail = (n: number) => ({ provider: 'EMAIL', email: `corpus${n}@bad.example`, password: PASSWORD });
    type Case = [label: string, method: string, path: string, body: unknown, headers: Record<string, string>, status: number, field?: string];
    const k = key();
    const cases: Case[] = [
      ['malformed JSON', 'POST', `${SS}/register`, '{"first_name": "Bad", ', k, 400],
      ['a JSON array', 'POST', `${SS}/register`, '[]', k, 400],
      ['empty body', 'POST', `${SS}/register`, '', k, 400],
      ['not JSON', 'POST', `${SS}/register`, 'first_name=Bad', { ...k, 'content-type': 'text/plain' }, 415],
      ['unknown field', 'POST', `${SS}/register`, person(goodEmail(1), { shoe_size: 44 }), k, 400, 'shoe_size'],
      ['unknown identification field', 'POST', `${SS}/register`, person({ ...goodEmail(2), nickname: 'x' }), k, 400, 'identification.nickname'],
      ['first_name a number', 'POST', `${SS}/register`, { first_name: 42, last_name: 'Input', identification: goodEmail(3) }, k, 400, 'first_name'],
      ['missing last_name', 'POST', `${SS}/register`, { first_name: 'Bad', identification: goodEmail(4) }, k, 400, 'last_name'],
      [
        'bad email',
        'POST',
        `${SS}/register`,
        person({ provider: 'EMAIL', email: 'corpus5-at-bad.example', password: PASSWORD }),
        k,
        400,
        'identification.email',
      ],
      ['too short password', 'POST', `${SS}/register`, person({ ...goodEmail(6), password: 'short' }), k, 400, 'identification.password'],
      ['one-character password', 'POST', `${SS}/register`, person({ ...goodEmail(7), password: 'aaaaaaaaaaaa' }), k, 400, 'identification.password'],
      ['password a number', 'POST', `${SS}/register`, person({ ...goodEmail(8), password: 12345678901 }), k, 400, 'identification.password'],
      [
        'letters as a phone',
        'POST',
        `${SS}/register`,
        person({ provider: 'PHONE', phone: { number: 'call-me', country_code: 'CYP' } }),
        k,
        400,
        'identification.phone.number',
      ],
      [
        'unknown country',
        'POST',
        `${SS}/register`,
        person({ provider: 'PHONE', phone: { number: '99100900', country_code: 'XYZ' } }),
        k,
        400,
        'identification.phone.country_code',
      ],
      ['flat phone without country', 'POST', `${SS}/register`, person({ phone_number: '99100901' }), k, 400, 'identification.country_code'],
      [
        'phone with a password',
        'POST',
        `${SS}/register`,
        person({ provider: 'PHONE', phone: { number: '99100902', country_code: 'CYP' }, password: PASSWORD }),
        k,
        400,
        'identification.password',
      ],
      [
        'social provider',
        'POST',
        `${SS}/register`,
        person({ provider: 'FACEBOOK', token: 'fb', email: 'corpus9@bad.example' }),
        k,
        400,
        'identification.provider',
      ],
      ['bad language code', 'POST', `${SS}/register`, person(goodEmail(10), { language_code: 'english' }), k, 400, 'language_code'],
      ['no api_key', 'POST', `${SS}/register`, person(goodEmail(11)), {}, 401],
      ['unknown api_key', 'POST', `${SS}/register`, person(goodEmail(12)), { api_key: 'crm_pk_live_notarealkey' }, 401],
      ['authenticate: OTP for a non-email', 'POST', `${SS}/authenticate`, { provider: 'EMAIL', username: 'not-an-email' }, k, 400, 'username'],
      [
        'authenticate: password a number',
        'POST',
        `${SS}/authenticate`,
        { provider: 'EMAIL', username: 'corpus13@bad.example', password: 123 },
        k,
        400,
        'password',
      ],
      ['authenticate: no api_key', 'POST', `${SS}/authenticate`, { provider: 'EMAIL', username: 'eva@example.com', password: PASSWORD }, {}, 401],
      ['otp: no credentials', 'POST', `${SS}/otp`, { method: 'SMS', credentials: [] }, k, 400, 'credentials'],
      ['otp: short phone', 'POST', `${SS}/otp`, { method: 'SMS', credentials: [{ name: 'PHONE', value: 'CYP:12' }] }, k, 400, 'credentials.0.value'],
      [
        'otp: phone without country',
        'POST',
        `${SS}/otp`,
        { method: 'SMS', credentials: [{ name: 'PHONE', value: '99100903' }] },
        k,
        400,
        'credentials.0.country_code',
      ],
      [
        'otp: unsupported credential',
        'POST',
        `${SS}/otp`,
        { method: 'SMS', credentials: [{ name: 'CARD', value: '4111' }] },
        k,
        400,
        'credentials.0.name',
      ],
      ['otp: method mismatch', 'POST', `${SS}/otp`, { method: 'EMAIL', credentials: [{ name: 'PHONE', value: 'CYP:99100300' }] }, k, 400, 'method'],
      ['validate_otp: letters as a code', 'POST', `${SS}/validate_otp`, { auth_otp: randomUUID(), code: 'abcdef' }, k, 400, 'code'],
      ['validate_otp: 5 digits', 'POST', `${SS}/validate_otp`, { auth_otp: randomUUID(), code: '12345' }, k, 400, 'code'],
      ['validate_otp: bad auth_otp', 'POST', `${SS}/validate_otp`, { auth_otp: 'not-an-otp', code: '123456' }, k, 400, 'auth_otp'],
      ['validate_otp: unknown auth_otp', 'POST', `${SS}/validate_otp`, { auth_otp: randomUUID(), code: '123456' }, k, 401],
      [
        'change_password: unknown token',
        'POST',
        `${SS}/change_password`,
        { token: 'crm_pr_unknown-token', password: 'Brand-New-Password-1' },
        k,
        400,
        'token',
      ],
      ['change_password: long token', 'POST', `${SS}/change_password`, { token: 'x'.repeat(500), password: 'Brand-New-Password-1' }, k, 400, 'token'],
      ['change_password: no password', 'POST', `${SS}/change_password`, { token: 'crm_pr_unknown-token' }, k, 400, 'password'],
      ['forgot_password: bad email', 'POST', `${SS}/forgot_password`, { username: 'nobody' }, k, 400, 'username'],
      ['forgot_password: wrong field', 'POST', `${SS}/forgot_password`, { username: 'eva@example.com', email: 'eva@example.com' }, k, 400, 'email'],
      ['request_email_verification: empty', 'POST', `${SS}/request_email_verification`, {}, k, 400, 'email_address'],
      ['verify_email: no token', 'GET', `${SS}/verify_email`, undefined, k, 400, 'token'],
      ['verify_email: unknown token', 'GET', `${SS}/verify_email?token=crm_ev_unknown`, undefined, k, 400, 'token'],
      ['exists: no parameter', 'GET', SS, undefined, k, 400, 'email_address'],
      ['exists: unknown parameter', 'GET', `${SS}?mail=eva@example.com`, undefined, k, 400, 'mail'],
      ['exists: bad country', 'GET', `${SS}?phone=99100200&country_code=ZZZ`, undefined, k, 400, 'country_code'],
      ['refresh: no refresh token', 'POST', `${SS}/refresh`, undefined, k, 401],
      ['sign_out: no token', 'POST', `${SS}/${randomUUID()}/sign_out`, undefined, k, 401],
      ['change own password: not a GUID', 'POST', `${SS}/not-a-guid/change_password`, { password: 'Brand-New-Password-1' }, k, 400, 'id'],
      ['wrong method', 'GET', `${SS}/register`, undefined, k, 405],
    ];
    assert.ok(cases.length >= 25);
    for (const [label, method, path, body, headers, status, field] of cases) {
      const r = await call(method, path, body, headers);
      expectError(r, status, undefined, field, label);
    }

    // nothing was created
    for (let n = 1; n <= 13; n++) assert.equal(await exists(`email_address=corpus${n}%40bad.example`), false, `corpus${n}`);
    for (const phone of ['99100900', '99100901', '99100902', '99100903']) assert.equal(await exists(`phone=${phone}&country_code=CYP`), false, phone);
  });

  it('answered no call with a 5xx', () => {
    assert.ok(statuses.length > 100, `${statuses.length} calls`);
    assert.deepEqual(
      statuses.filter((s) => s.startsWith('5')),
      [],
    );
  });
});
