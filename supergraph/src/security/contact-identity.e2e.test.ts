import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';
import { eventually } from '../testing/eventually';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };

const AUTH_FIELDS = `contactId tokens { accessToken refreshToken expiresAt sessionId } isVerified authOtp obfuscatedValue consistencyToken errors { code reason field message }`;
const REGISTER = `mutation($i: RegisterContactInput!) { registerContact(input: $i) { ${AUTH_FIELDS} } }`;
const AUTHENTICATE = `mutation($i: AuthenticateContactInput!) { authenticateContact(input: $i) { ${AUTH_FIELDS} } }`;
const VALIDATE = `mutation($a: ID!, $c: String!) { validateContactOtp(authOtp: $a, code: $c) { ${AUTH_FIELDS} } }`;
const REQUEST_OTP = `mutation($c: OtpCredentialInput!) { requestContactOtp(credential: $c) { ${AUTH_FIELDS} } }`;
const ME = `query($id: ID!) { contact(id: $id) { id firstName lastName email phones { number } } }`;

describe('contact identities (Self-Service flows 1-5 in GraphQL)', () => {
  let p: TestPlatform;
  let tenant: { tenantId: string; publicApiKey: string };
  const pub = () => ({ api_key: tenant.publicApiKey });
  const call = (q: string, v: Record<string, unknown>, h: Record<string, string>) => p.graphql<Gql>(q, v, h);

  async function outboxCode(to: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const r = await fetch(`${p.identityWrite.http.url}/internal/dev-outbox?to=${encodeURIComponent(to)}`, {
        headers: { 'x-crm-principal': p.internalToken() },
      });
      const body = (await r.json()) as { messages: { body: string }[] };
      const m = body.messages[0] ? /(\d{6})|(crm_(?:pr|ev)_[A-Za-z0-9_-]+)/.exec(body.messages[0].body) : null;
      if (m) return m[0];
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error(`nothing in the dev outbox for ${to}`);
  }

  before(async () => {
    p = await startTestPlatform('contact-identity');
    tenant = await p.identityWrite.createTenant({
      name: 'Shop',
      ownerEmail: 'owner@shop.example',
      ownerPassword: 'Owner-Password-123',
      applicationName: 'Shop App',
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('flow 2: registers with email and password, reads its own contact, signs in again', async () => {
    const reg = await call(
      REGISTER,
      { i: { firstName: 'Eva', lastName: 'Email', provider: 'EMAIL', email: 'Eva@Example.com', password: 'Eva-Password-123' } },
      pub(),
    );
    const r = reg.body.data?.['registerContact'];
    assert.deepEqual(r.errors, [], reg.text);
    assert.ok(r.tokens.accessToken && r.tokens.refreshToken && r.contactId);
    const me = await call(ME, { id: r.contactId }, { authorization: `Bearer ${r.tokens.accessToken}`, 'x-consistency-token': r.consistencyToken });
    assert.equal(me.body.data?.['contact']?.firstName, 'Eva', me.text);
    assert.equal(me.body.data?.['contact']?.email, 'eva@example.com');
    const again = await call(
      REGISTER,
      { i: { firstName: 'Eva', lastName: 'Twice', provider: 'EMAIL', email: 'eva@example.com', password: 'Eva-Password-123' } },
      pub(),
    );
    assert.equal(again.body.data?.['registerContact'].errors[0].code, 'CONFLICT');
    const login = await call(AUTHENTICATE, { i: { provider: 'EMAIL', username: 'eva@example.com', password: 'Eva-Password-123' } }, pub());
    assert.equal(login.body.data?.['authenticateContact'].contactId, r.contactId);
    const wrong = await call(AUTHENTICATE, { i: { provider: 'EMAIL', username: 'eva@example.com', password: 'Not-Her-Password-1' } }, pub());
    assert.equal(wrong.body.errors?.[0]?.extensions?.['reason'], 'INVALID_LOGIN');
    const others = await call(`{ contacts(first: 5) { nodes { id } } }`, {}, { authorization: `Bearer ${r.tokens.accessToken}` });
    assert.equal(others.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', 'a contact token cannot list contacts');
    const weak = await call(
      REGISTER,
      { i: { firstName: 'W', lastName: 'K', provider: 'EMAIL', email: 'weak@example.com', password: 'short' } },
      pub(),
    );
    assert.equal(weak.body.data?.['registerContact'].errors[0].field, 'identification.password');
  });

  it('flow 1: registers with a phone and an OTP, then validates it for tokens', async () => {
    const reg = await call(
      REGISTER,
      { i: { firstName: 'Pat', lastName: 'Phone', provider: 'PHONE', phone: { countryCode: 'CYP', number: '99 100200' } } },
      pub(),
    );
    const r = reg.body.data?.['registerContact'];
    assert.equal(r.tokens, null, 'no tokens before the OTP is validated');
    assert.ok(r.authOtp);
    assert.equal(r.obfuscatedValue, '*****200');
    const code = await outboxCode('CYP:99100200');
    const ok = await call(VALIDATE, { a: r.authOtp, c: code }, pub());
    const v = ok.body.data?.['validateContactOtp'];
    assert.deepEqual(v.errors, [], ok.text);
    assert.equal(v.contactId, r.contactId);
    assert.equal(v.isVerified, true);
    const me = await call(ME, { id: v.contactId }, { authorization: `Bearer ${v.tokens.accessToken}`, 'x-consistency-token': v.consistencyToken });
    assert.equal(me.body.data?.['contact']?.phones?.[0]?.number, '99100200', me.text);
    const reuse = await call(VALIDATE, { a: r.authOtp, c: code }, pub());
    assert.equal(reuse.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED', 'a code works once');
  });

  it('flow 3: checks existence, signs in with a one-time code; codes stop working after 5 wrong tries', async () => {
    await call(
      REGISTER,
      { i: { firstName: 'Otto', lastName: 'Otp', provider: 'EMAIL', email: 'otto@example.com', password: 'Otto-Password-123' } },
      pub(),
    );
    const exists = await call(`query($e: String) { contactIdentityExists(email: $e) }`, { e: 'otto@example.com' }, pub());
    assert.equal(exists.body.data?.['contactIdentityExists'], true);
    const missing = await call(`query($e: String) { contactIdentityExists(email: $e) }`, { e: 'nobody@example.com' }, pub());
    assert.equal(missing.body.data?.['contactIdentityExists'], false);
    const sent = await call(REQUEST_OTP, { c: { name: 'EMAIL', value: 'otto@example.com' } }, pub());
    const authOtp = sent.body.data?.['requestContactOtp'].authOtp as string;
    const code = await outboxCode('otto@example.com');
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const bad = await call(VALIDATE, { a: authOtp, c: wrongCode }, pub());
      assert.equal(bad.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    }
    const late = await call(VALIDATE, { a: authOtp, c: code }, pub());
    assert.equal(late.body.errors?.[0]?.extensions?.['reason'], 'OTP_ATTEMPTS_EXCEEDED', 'the right code no longer works after 5 wrong tries');
    const sent2 = await call(REQUEST_OTP, { c: { name: 'EMAIL', value: 'otto@example.com' } }, pub());
    const code2 = await outboxCode('otto@example.com');
    const good = await call(VALIDATE, { a: sent2.body.data?.['requestContactOtp'].authOtp, c: code2 }, pub());
    assert.ok(good.body.data?.['validateContactOtp'].tokens.accessToken, good.text);
  });

  it('flow 4: refreshes, signs out, and the old tokens stop working', async () => {
    const reg = await call(
      REGISTER,
      { i: { firstName: 'Rita', lastName: 'Refresh', provider: 'EMAIL', email: 'rita@example.com', password: 'Rita-Password-123' } },
      pub(),
    );
    const t = reg.body.data?.['registerContact'].tokens;
    const refreshed = await call(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken refreshToken } errors { code } } }`,
      { t: t.refreshToken },
      pub(),
    );
    const t2 = refreshed.body.data?.['refreshSession'].tokens;
    assert.ok(t2.accessToken);
    const out = await call(`mutation { signOut { signedOut } }`, {}, { authorization: `Bearer ${t2.accessToken}` });
    assert.equal(out.body.data?.['signOut'].signedOut, true);
    // the gateway learns of the ended session from an event: wait for it, not for a clock
    await eventually(
      'the access token of an ended session to get 401',
      async () =>
        (await call(ME, { id: reg.body.data?.['registerContact'].contactId }, { authorization: `Bearer ${t2.accessToken}` })).status === 401,
    );
    const dead = await call(`mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken } } }`, { t: t2.refreshToken }, pub());
    assert.equal(dead.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
  });

  it('flow 5: resets a forgotten password with the emailed token', async () => {
    await call(
      REGISTER,
      { i: { firstName: 'Fay', lastName: 'Forgot', provider: 'EMAIL', email: 'fay@example.com', password: 'Fay-Old-Password-1' } },
      pub(),
    );
    const forgot = await call(`mutation($u: String!) { requestContactPasswordReset(username: $u) { ok } }`, { u: 'fay@example.com' }, pub());
    assert.equal(forgot.body.data?.['requestContactPasswordReset'].ok, true);
    const unknown = await call(`mutation($u: String!) { requestContactPasswordReset(username: $u) { ok } }`, { u: 'ghost@example.com' }, pub());
    assert.equal(unknown.body.data?.['requestContactPasswordReset'].ok, true, 'no enumeration');
    const token = await outboxCode('fay@example.com');
    const reset = await call(
      `mutation($t: String!, $p: String!) { resetContactPassword(token: $t, password: $p) { ok errors { code field } } }`,
      { t: token, p: 'Fay-New-Password-2' },
      pub(),
    );
    assert.equal(reset.body.data?.['resetContactPassword'].ok, true, reset.text);
    const replay = await call(
      `mutation($t: String!, $p: String!) { resetContactPassword(token: $t, password: $p) { ok errors { code field } } }`,
      { t: token, p: 'Fay-Other-Password-3' },
      pub(),
    );
    assert.equal(replay.body.data?.['resetContactPassword'].errors[0].field, 'token', 'a reset link works once');
    const oldPw = await call(AUTHENTICATE, { i: { provider: 'EMAIL', username: 'fay@example.com', password: 'Fay-Old-Password-1' } }, pub());
    assert.equal(oldPw.body.errors?.[0]?.extensions?.['reason'], 'INVALID_LOGIN');
    const newPw = await call(AUTHENTICATE, { i: { provider: 'EMAIL', username: 'fay@example.com', password: 'Fay-New-Password-2' } }, pub());
    assert.ok(newPw.body.data?.['authenticateContact'].tokens.accessToken);
  });
});
