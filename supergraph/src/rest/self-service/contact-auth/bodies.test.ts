import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { AppError } from '@crm/platform/errors';
import { generateApiKey } from '@crm/platform/security';
import { createRestFacade } from '../../index';
import { callerKeyOf, ReadYourWrites } from '../../kit/read-your-writes';
import type { GraphQLCall, GraphQLResult } from '../../kit/gateway-client';
import { validateBody } from '../../domains/contacts/bodies';
import {
  authenticateContactBody,
  authenticateIn,
  changePasswordBody,
  contactForgotPasswordBody,
  emailVerificationBody,
  existenceQuery,
  identificationBody,
  identityIn,
  oidcStartIn,
  otpBody,
  otpCredentialIn,
  phoneOfValue,
  registerBody,
  registerIn,
  resetPasswordBody,
  signOutBody,
  unverifiedClaims,
  validateOtpBody,
  verificationEmailOf,
} from './bodies';

/** `fn` throws a 400 AppError naming `field` (and its message starts with it). */
function refuses(fn: () => unknown, field: string) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, 'VALIDATION');
    assert.equal(err.field, field, err.message);
    assert.ok(err.message.startsWith(`${field}: `), err.message);
    return true;
  });
}

const register = (body: unknown) => registerIn(validateBody(registerBody, body));
const authenticate = (body: unknown) => authenticateIn(validateBody(authenticateContactBody, body));
const otp = (body: unknown) => otpCredentialIn(validateBody(otpBody, body));

describe('self-service auth bodies', () => {
  it('register: v2 identification with EMAIL + password, names trimmed, opt-outs and language passed on', () => {
    assert.deepEqual(
      register({
        first_name: ' Eva ',
        last_name: 'Email',
        identification: { provider: 'email', email: 'Eva@Example.com', password: 'Eva-Password-123' },
        sms_opt_out: true,
        email_opt_out: false,
        language_code: 'EN',
        'accept_terms_&_conditions': true,
      }),
      {
        firstName: 'Eva',
        lastName: 'Email',
        provider: 'EMAIL',
        email: 'Eva@Example.com',
        password: 'Eva-Password-123',
        smsOptOut: true,
        emailOptOut: false,
        languageCode: 'EN',
      },
    );
  });

  it('register: the phone in the v2 object or the older flat spelling; the provider follows from it', () => {
    const expected = { firstName: 'Pat', lastName: 'Phone', provider: 'PHONE', phone: { countryCode: 'CYP', number: '99100200' } };
    assert.deepEqual(
      register({ first_name: 'Pat', last_name: 'Phone', identification: { provider: 'PHONE', phone: { number: '99 100200', country_code: 'cyp' } } }),
      expected,
    );
    assert.deepEqual(
      register({ first_name: 'Pat', last_name: 'Phone', identification: { phone_number: '99-100-200', country_code: 'CYP' } }),
      expected,
    );
    assert.deepEqual(register({ first_name: 'Pat', last_name: 'Phone', identification: { phone_number: 'CYP:99100200' } }), expected);
    assert.deepEqual(
      register({
        first_name: 'Pat',
        last_name: 'Phone',
        identification: { phone: { number: '+99100200', country_code: 'CYP' }, email: null, token: null },
      }),
      expected,
    );
  });

  it('register: refuses bad identities naming the snake_case field', () => {
    const named =
      (identification: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        register({ first_name: 'A', last_name: 'B', identification, ...extra });
    refuses(named({ provider: 'EMAIL', email: 'not-an-email', password: 'Long-Password-1' }), 'identification.email');
    refuses(named({ provider: 'EMAIL', password: 'Long-Password-1' }), 'identification.email');
    refuses(named({ provider: 'EMAIL', email: 'a@b.co', password: '' }), 'identification.password');
    refuses(named({ provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' }, password: 'Long-Password-1' }), 'identification.password');
    refuses(named({ provider: 'PHONE' }), 'identification.phone');
    refuses(named({ provider: 'FACEBOOK', token: 'x' }), 'identification.provider');
    refuses(named({ provider: 'EMAIL', email: 'a@b.co', token: 'fb-token' }), 'identification.token');
    refuses(named({ phone: { number: '12', country_code: 'CYP' } }), 'identification.phone.number');
    refuses(named({ phone: { number: '99100200', country_code: 'XXX' } }), 'identification.phone.country_code');
    refuses(named({ phone: { number: '99100200' } }), 'identification.phone.country_code');
    refuses(named({ phone_number: '99100200' }), 'identification.country_code');
    refuses(named({ country_code: 'CYP' }), 'identification.phone_number');
    refuses(named({ phone: { number: '99100200', country_code: 'CYP' }, phone_number: '99100200' }), 'identification.phone_number');
    refuses(named({ email: 'a@b.co', phone: { number: '99100200', country_code: 'CYP' } }), 'identification.provider');
    refuses(named({ provider: 'EMAIL', email: 'a@b.co', phone: { number: '99100200', country_code: 'CYP' } }), 'identification.phone');
    refuses(named({}), 'identification.email');
    refuses(named({ email: 'a@b.co', shoe: 1 }), 'identification.shoe');
    refuses(named({ email: 42 }), 'identification.email');
    refuses(named({ email: 'a@b.co' }, { referral_code: 'FRIEND' }), 'referral_code');
    refuses(named({ email: 'a@b.co' }, { sms_opt_out: 'yes' }), 'sms_opt_out');
    refuses(() => register({ last_name: 'B', identification: { email: 'a@b.co' } }), 'first_name');
    refuses(() => register({ first_name: '  ', last_name: 'B', identification: { email: 'a@b.co' } }), 'first_name');
    refuses(() => register({ first_name: 'A', last_name: 'B' }), 'identification');
  });

  it('authenticate: OIDC_OAUTH / GOOGLE take code + state (+ iss), FACEBOOK token (+ application_id), nothing else', () => {
    assert.deepEqual(authenticate({ provider: 'oidc_oauth', code: 'c0de', state: 'st4te' }), {
      provider: 'OIDC_OAUTH',
      code: 'c0de',
      state: 'st4te',
    });
    assert.deepEqual(authenticate({ provider: 'GOOGLE', code: 'c', state: 's', iss: 'https://accounts.google.com', username: null, token: null }), {
      provider: 'GOOGLE',
      code: 'c',
      state: 's',
      iss: 'https://accounts.google.com',
    });
    assert.deepEqual(authenticate({ provider: 'FACEBOOK', token: 'fb-token' }), { provider: 'FACEBOOK', token: 'fb-token' });
    assert.deepEqual(authenticate({ provider: 'facebook', token: 'fb-token', application_id: '1234', code: null }), {
      provider: 'FACEBOOK',
      token: 'fb-token',
      applicationId: '1234',
    });
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', state: 's' }), 'code');
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', code: 'c' }), 'state');
    refuses(() => authenticate({ provider: 'GOOGLE', code: '', state: 's' }), 'code');
    refuses(() => authenticate({ provider: 'GOOGLE', code: 'c', state: 's'.repeat(129) }), 'state');
    refuses(() => authenticate({ provider: 'GOOGLE', code: 'c', state: 's', token: 'fb' }), 'token');
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: 's', application_id: '1' }), 'application_id');
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: 's', username: 'a@b.co' }), 'username');
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: 's', phone: { number: '99100200', country_code: 'CYP' } }), 'phone');
    refuses(() => authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: 's', redirect_url: 'https://x' }), 'redirect_url');
    refuses(() => authenticate({ provider: 'FACEBOOK' }), 'token');
    refuses(() => authenticate({ provider: 'FACEBOOK', token: 'fb', code: 'c' }), 'code');
    refuses(() => authenticate({ provider: 'FACEBOOK', token: 'fb', iss: 'https://x' }), 'iss');
    refuses(() => authenticate({ provider: 'FACEBOOK', token: 'fb', password: 'pw' }), 'password');
    refuses(() => authenticate({ provider: 'FACEBOOK', token: 'fb', mac_address: 'aa:bb' }), 'mac_address');
    refuses(() => authenticate({ provider: 'FACEBOOK', token: 'fb', login_as_guest: true }), 'login_as_guest');
    refuses(() => authenticate({ code: 'c', state: 's' }), 'provider');
    refuses(() => authenticate({ token: 'fb' }), 'provider');
  });

  it('oidc start: the type (lower-cased) and a required redirect_url, no other parameter', () => {
    const q = (type: string, s: string) => oidcStartIn(type, new URLSearchParams(s));
    assert.deepEqual(q('google', 'redirect_url=https%3A%2F%2Fapp.example%2Fcb'), { type: 'google', redirectUrl: 'https://app.example/cb' });
    assert.deepEqual(q('Keycloak', 'redirect_url=https://app.example/cb'), { type: 'keycloak', redirectUrl: 'https://app.example/cb' });
    refuses(() => q('google', ''), 'redirect_url');
    refuses(() => q('google', 'redirect_url='), 'redirect_url');
    refuses(() => q('google', `redirect_url=${'x'.repeat(2001)}`), 'redirect_url');
    refuses(() => q('google', 'redirect_url=https://a&redirect_url=https://b'), 'redirect_url');
    refuses(() => q('google', 'redirect_url=https://a&state=x'), 'state');
    refuses(() => q('bad type!', 'redirect_url=https://a'), 'type');
    refuses(() => q('x'.repeat(41), 'redirect_url=https://a'), 'type');
  });

  it('authenticate: EMAIL + password signs in; without a password or with PHONE it asks for a code', () => {
    assert.deepEqual(authenticate({ provider: 'EMAIL', username: 'a@b.co', password: 'pw' }), {
      provider: 'EMAIL',
      username: 'a@b.co',
      password: 'pw',
    });
    assert.deepEqual(authenticate({ username: ' a@b.co ' }), { provider: 'EMAIL', username: 'a@b.co' });
    assert.deepEqual(authenticate({ provider: 'phone', phone: { number: '99100200', country_code: 'CYP' } }), {
      provider: 'PHONE',
      phone: { countryCode: 'CYP', number: '99100200' },
    });
    assert.deepEqual(authenticate({ phone_number: '99100200', country_code: 'CYP', login_as_guest: false }), {
      provider: 'PHONE',
      phone: { countryCode: 'CYP', number: '99100200' },
    });
    // with a password any username goes on: the identity service answers a bad one with 401
    assert.deepEqual(authenticate({ username: 'not-an-email', password: 'pw' }), { provider: 'EMAIL', username: 'not-an-email', password: 'pw' });
    refuses(() => authenticate({ username: 'not-an-email' }), 'username');
    refuses(() => authenticate({ provider: 'EMAIL' }), 'username');
    refuses(() => authenticate({ provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' }, password: 'pw' }), 'password');
    refuses(() => authenticate({ provider: 'APPLE', token: 't' }), 'provider');
    refuses(() => authenticate({ provider: 'MAC_ADDRESS', mac_address: 'aa:bb' }), 'provider');
    refuses(() => authenticate({ provider: 'EMAIL', username: 'a@b.co', password: 'pw', token: 'fb' }), 'token');
    refuses(() => authenticate({ username: 'a@b.co', password: 'pw', state: 's' }), 'provider');
    refuses(() => authenticate({ provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' }, code: 'c' }), 'code');
    refuses(() => authenticate({ username: 'a@b.co', password: 'pw', mac_address: 'aa:bb' }), 'mac_address');
    refuses(() => authenticate({ username: 'a@b.co', login_as_guest: true }), 'login_as_guest');
    refuses(() => authenticate({ username: 'a@b.co', password: 'pw', remember_me: true }), 'remember_me');
  });

  it('otp: one PHONE or EMAIL credential; PHONE as CYP:digits or digits + country_code', () => {
    assert.deepEqual(otp({ method: 'SMS', credentials: [{ name: 'PHONE', value: 'CYP:99100200' }] }), {
      name: 'PHONE',
      value: '99100200',
      countryCode: 'CYP',
    });
    assert.deepEqual(otp({ credentials: [{ name: 'phone', value: '99 100 200', country_code: 'cyp' }] }), {
      name: 'PHONE',
      value: '99100200',
      countryCode: 'CYP',
    });
    assert.deepEqual(otp({ method: 'email', credentials: [{ name: 'EMAIL', value: 'a@b.co' }] }), { name: 'EMAIL', value: 'a@b.co' });
    refuses(() => otp({ method: 'SMS', credentials: [{ name: 'PHONE', value: '99100200' }] }), 'credentials.0.country_code');
    refuses(() => otp({ credentials: [{ name: 'PHONE', value: 'CYP:99100200', country_code: 'GRC' }] }), 'credentials.0.country_code');
    refuses(() => otp({ credentials: [{ name: 'PHONE', value: 'XXX:99100200' }] }), 'credentials.0.value');
    refuses(() => otp({ credentials: [{ name: 'PHONE', value: 'CYP:12' }] }), 'credentials.0.value');
    refuses(() => otp({ method: 'EMAIL', credentials: [{ name: 'PHONE', value: 'CYP:99100200' }] }), 'method');
    refuses(() => otp({ credentials: [{ name: 'EMAIL', value: 'nope' }] }), 'credentials.0.value');
    refuses(() => otp({ credentials: [{ name: 'CARD', value: '4111' }] }), 'credentials.0.name');
    refuses(() => otp({ credentials: [] }), 'credentials');
    refuses(
      () =>
        otp({
          credentials: [
            { name: 'EMAIL', value: 'a@b.co' },
            { name: 'PHONE', value: 'CYP:99100200' },
          ],
        }),
      'credentials',
    );
    refuses(() => otp({ method: 'PIGEON', credentials: [{ name: 'EMAIL', value: 'a@b.co' }] }), 'method');
    refuses(() => otp({ credentials: [{ name: 'EMAIL', value: 'a@b.co', gift_pass: { pin: '1' } }] }), 'credentials.0.gift_pass');
  });

  it('validate_otp: a GUID auth_otp and a 6-digit code', () => {
    assert.deepEqual(validateBody(validateOtpBody, { auth_otp: 'B5A1F4DE6F0E4C1E9F572B8F1D6C7A10', code: ' 012345 ' }), {
      auth_otp: 'B5A1F4DE6F0E4C1E9F572B8F1D6C7A10',
      code: '012345',
    });
    refuses(() => validateBody(validateOtpBody, { auth_otp: 'abc', code: '123456' }), 'auth_otp');
    refuses(() => validateBody(validateOtpBody, { auth_otp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: '12345' }), 'code');
    refuses(() => validateBody(validateOtpBody, { auth_otp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: 123456 }), 'code');
    refuses(() => validateBody(validateOtpBody, { code: '123456' }), 'auth_otp');
  });

  it('password, verification and sign-out bodies', () => {
    assert.deepEqual(validateBody(contactForgotPasswordBody, { username: ' a@b.co ' }), { username: 'a@b.co' });
    refuses(() => validateBody(contactForgotPasswordBody, { username: 'nope' }), 'username');
    refuses(() => validateBody(contactForgotPasswordBody, { email: 'a@b.co' }), 'username');
    refuses(() => validateBody(contactForgotPasswordBody, { username: 'a@b.co', email: 'a@b.co' }), 'email');
    refuses(() => validateBody(resetPasswordBody, { token: 'crm_pr_x' }), 'password');
    refuses(() => validateBody(resetPasswordBody, { token: 'x'.repeat(201), password: 'Long-Password-1' }), 'token');
    refuses(() => validateBody(changePasswordBody, { current_password: 'a' }), 'password');
    assert.deepEqual(validateBody(changePasswordBody, { password: 'Long-Password-1', current_password: null }), {
      password: 'Long-Password-1',
      current_password: null,
    });
    assert.equal(verificationEmailOf(validateBody(emailVerificationBody, { email_address: 'a@b.co' })), 'a@b.co');
    assert.equal(verificationEmailOf(validateBody(emailVerificationBody, { email: 'a@b.co' })), 'a@b.co');
    refuses(() => verificationEmailOf(validateBody(emailVerificationBody, {})), 'email_address');
    refuses(() => verificationEmailOf(validateBody(emailVerificationBody, { email_address: 'a@b.co', email: 'a@b.co' })), 'email');
    refuses(() => verificationEmailOf(validateBody(emailVerificationBody, { email_address: 'x' })), 'email_address');
    assert.deepEqual(validateBody(signOutBody, { redirect_url: 'https://app.example/bye' }), { redirect_url: 'https://app.example/bye' });
    refuses(() => validateBody(signOutBody, { everywhere: true }), 'everywhere');
  });

  it('identities: the same identification fields at the top level', () => {
    assert.deepEqual(identityIn(validateBody(identificationBody, { provider: 'EMAIL', email: 'a@b.co', password: 'Long-Password-1' }), ''), {
      provider: 'EMAIL',
      email: 'a@b.co',
      password: 'Long-Password-1',
    });
    refuses(
      () => identityIn(validateBody(identificationBody, { provider: 'PHONE', phone: { number: 'abc', country_code: 'CYP' } }), ''),
      'phone.number',
    );
    refuses(() => identityIn(validateBody(identificationBody, { provider: 'EMAIL' }), ''), 'email');
  });

  it('existence check: email_address | email | phone (CYP:digits or with country_code), nothing else', () => {
    const q = (s: string) => existenceQuery(new URLSearchParams(s));
    assert.deepEqual(q('email_address=a@b.co'), { email: 'a@b.co', phoneCountryCode: null, phoneNumber: null });
    assert.deepEqual(q('email=a@b.co'), { email: 'a@b.co', phoneCountryCode: null, phoneNumber: null });
    assert.deepEqual(q('phone=99100200&country_code=cyp'), { email: null, phoneCountryCode: 'CYP', phoneNumber: '99100200' });
    assert.deepEqual(q('phone=CYP%3A99100200'), { email: null, phoneCountryCode: 'CYP', phoneNumber: '99100200' });
    refuses(() => q(''), 'email_address');
    refuses(() => q('email_address='), 'email_address');
    refuses(() => q('email_address=nope'), 'email_address');
    refuses(() => q('phone=99100200'), 'country_code');
    refuses(() => q('phone=99100200&country_code=XX'), 'country_code');
    refuses(() => q('phone=1&country_code=CYP'), 'phone');
    refuses(() => q('email_address=a@b.co&phone=CYP:99100200'), 'phone');
    refuses(() => q('email_address=a@b.co&email=a@b.co'), 'email');
    refuses(() => q('email_address=a@b.co&country_code=CYP'), 'country_code');
    refuses(() => q('mail=a@b.co'), 'mail');
    refuses(() => q('email_address=a@b.co&email_address=c@d.co'), 'email_address');
  });

  it('phoneOfValue and unverifiedClaims', () => {
    assert.deepEqual(phoneOfValue('v', ' grc : 210-1234567 ', 'c', undefined), { countryCode: 'GRC', number: '2101234567' });
    assert.deepEqual(unverifiedClaims(`e30.${Buffer.from('{"sub":"x","aud":"crm-self-service"}').toString('base64url')}.s`), {
      sub: 'x',
      aud: 'crm-self-service',
    });
    assert.equal(unverifiedClaims('crm_rt_abc'), null);
    assert.equal(unverifiedClaims('a.bm90IGpzb24.c'), null);
  });
});

/** The routes against a stub gateway: what is sent to GraphQL, and read-your-writes for the caller's next key. */
describe('self-service auth routes (stub gateway)', () => {
  let server: Server;
  let base: string;
  const calls: GraphQLCall[] = [];
  let respond: (call: GraphQLCall) => GraphQLResult = () => ({ status: 200, body: { data: null }, headers: {} });
  const cache = new MemoryCache();
  const PUBLIC_KEY = generateApiKey('public', 'live').key;
  const CONTACT_ID = '3f6c1c9e-2a1b-4c5d-9e8f-0a1b2c3d4e5f';
  const token = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  const ACCESS = token({ sub: CONTACT_ID, aud: 'crm-self-service' });
  const TOKENS = { accessToken: ACCESS, refreshToken: 'crm_rt_new', expiresAt: 1_900_000_000, sessionId: 's1' };
  const auth = (extra: Record<string, unknown>) => ({
    contactId: CONTACT_ID,
    tokens: null,
    isVerified: false,
    authOtp: null,
    obfuscatedValue: null,
    consistencyToken: null,
    errors: [],
    ...extra,
  });

  before(async () => {
    const handler = createRestFacade({
      client: {
        execute: async (call) => {
          calls.push(call);
          return respond(call);
        },
      },
      cache,
      logger: pino({ level: 'silent' }),
    });
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    calls.length = 0;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  }

  it('register with a password: 201 tokens + the request names; the consistency token waits under the NEW token key', async () => {
    respond = (call) =>
      call.operationName === 'RestRegisterContact'
        ? { status: 200, body: { data: { registerContact: auth({ tokens: TOKENS, consistencyToken: `contact:${CONTACT_ID}:1` }) } }, headers: {} }
        : { status: 200, body: { data: null }, headers: {} };
    const r = await send(
      'POST',
      '/self-service/v2/contacts/register',
      { first_name: 'Eva', last_name: 'Email', identification: { provider: 'EMAIL', email: 'eva@example.com', password: 'Eva-Password-123' } },
      { api_key: PUBLIC_KEY, authorization: 'Bearer stale-token' },
    );
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body, {
      access_token: ACCESS,
      refresh_token: 'crm_rt_new',
      expiration_date: 1_900_000_000,
      contact: { id: CONTACT_ID, type: 'PERSON', first_name: 'Eva', last_name: 'Email', is_verified: false },
      organisations: [],
    });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.headers['authorization'], undefined, 'a stale token is not passed on');
    assert.equal(calls[0]!.headers['api_key'], PUBLIC_KEY);
    assert.deepEqual(calls[0]!.variables, {
      input: { firstName: 'Eva', lastName: 'Email', provider: 'EMAIL', email: 'eva@example.com', password: 'Eva-Password-123' },
    });
    const ryw = new ReadYourWrites(cache, pino({ level: 'silent' }));
    assert.deepEqual(await ryw.tokens(callerKeyOf({ api_key: PUBLIC_KEY, authorization: `Bearer ${ACCESS}` })), [`contact:${CONTACT_ID}:1`]);
    assert.deepEqual(await ryw.tokens(callerKeyOf({ api_key: PUBLIC_KEY, authorization: ACCESS })), [`contact:${CONTACT_ID}:1`]);

    // the next call of that caller reads with the token
    respond = () => ({ status: 200, body: { data: { contact: null } }, headers: {} });
    await send('GET', `/self-service/v2/contacts/${CONTACT_ID}`, undefined, { api_key: PUBLIC_KEY, authorization: `Bearer ${ACCESS}` });
    assert.equal(calls[0]!.headers['x-consistency-token'], `contact:${CONTACT_ID}:1`);
  });

  it('validate_otp: tokens + the contact read with the new token and the consistency token; degrades to {id, is_verified}', async () => {
    const validated = auth({ tokens: TOKENS, isVerified: true, consistencyToken: `contact:${CONTACT_ID}:1` });
    let read: GraphQLResult = {
      status: 200,
      body: { data: { contact: { id: CONTACT_ID, type: 'PERSON', firstName: 'Pat', lastName: 'Phone', companyName: null } } },
      headers: {},
    };
    respond = (call) =>
      call.operationName === 'RestValidateContactOtp' ? { status: 200, body: { data: { validateContactOtp: validated } }, headers: {} } : read;
    const body = { auth_otp: 'B5A1F4DE-6F0E-4C1E-9F57-2B8F1D6C7A10', code: '123456' };
    const r = await send('POST', '/self-service/v2/contacts/validate_otp', body, { api_key: PUBLIC_KEY });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body!['contact'], { id: CONTACT_ID, type: 'PERSON', first_name: 'Pat', last_name: 'Phone', is_verified: true });
    assert.deepEqual(calls[0]!.variables, { authOtp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: '123456' });
    assert.equal(calls[1]!.operationName, 'RestGetContactSummary');
    assert.equal(calls[1]!.headers['authorization'], `Bearer ${ACCESS}`);
    assert.equal(calls[1]!.headers['x-consistency-token'], `contact:${CONTACT_ID}:1`);
    assert.equal(calls[1]!.headers['x-crm-api-family'], 'self-service');

    read = { status: 200, body: { errors: [{ message: 'down', extensions: { code: 'UNAVAILABLE' } }] }, headers: {} };
    const degraded = await send('POST', '/self-service/v2/contacts/validate_otp', body, { api_key: PUBLIC_KEY });
    assert.equal(degraded.status, 200, degraded.text);
    assert.deepEqual(degraded.body!['contact'], { id: CONTACT_ID, is_verified: true });
  });

  it('maps wrong codes and unknown identities to 401 INVALIDLOGINEXCEPTION, rate limits to 429 + Retry-After', async () => {
    respond = () => ({
      status: 200,
      body: { errors: [{ message: 'the code is not correct', extensions: { code: 'UNAUTHENTICATED', reason: 'OTP_INVALID' } }] },
      headers: {},
    });
    const wrong = await send(
      'POST',
      '/self-service/v2/contacts/validate_otp',
      { auth_otp: 'b5a1f4de-6f0e-4c1e-9f57-2b8f1d6c7a10', code: '000000' },
      { api_key: PUBLIC_KEY },
    );
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body!['error'], 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION');

    respond = () => ({
      status: 200,
      body: {
        data: {
          authenticateContact: auth({
            contactId: null,
            errors: [{ code: 'NOT_FOUND', reason: 'CONTACT_NOT_FOUND', field: 'credentials', message: 'no contact has this identity' }],
          }),
        },
      },
      headers: {},
    });
    const unknown = await send(
      'POST',
      '/self-service/v2/contacts/authenticate',
      { provider: 'PHONE', phone: { number: '99100200', country_code: 'CYP' } },
      { api_key: PUBLIC_KEY },
    );
    assert.equal(unknown.status, 401, unknown.text);
    assert.equal(unknown.body!['error'], 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION');

    respond = () => ({
      status: 200,
      body: { errors: [{ message: 'too many attempts; try again in 900 seconds', extensions: { code: 'RATE_LIMITED' } }] },
      headers: {},
    });
    const res = await fetch(`${base}/self-service/v2/contacts/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_key: PUBLIC_KEY },
      body: JSON.stringify({ first_name: 'A', last_name: 'B', identification: { email: 'a@b.co' } }),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '900');
  });

  it('external sign-in: authenticateContactExternal, answered like a password sign-in; oidc start → {authorization_url}', async () => {
    const signed = auth({ tokens: TOKENS, isVerified: true, consistencyToken: `contact:${CONTACT_ID}:1` });
    const read: GraphQLResult = {
      status: 200,
      body: { data: { contact: { id: CONTACT_ID, type: 'PERSON', firstName: 'Gia', lastName: 'Google', companyName: null } } },
      headers: {},
    };
    respond = (call) =>
      call.operationName === 'RestAuthenticateContactExternal'
        ? { status: 200, body: { data: { authenticateContactExternal: signed } }, headers: {} }
        : read;
    const r = await send(
      'POST',
      '/self-service/v2/contacts/authenticate',
      { provider: 'GOOGLE', code: 'c0de', state: 'st4te-st4te-st4te' },
      { api_key: PUBLIC_KEY, authorization: 'Bearer stale' },
    );
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, {
      access_token: ACCESS,
      refresh_token: 'crm_rt_new',
      expiration_date: 1_900_000_000,
      contact: { id: CONTACT_ID, type: 'PERSON', first_name: 'Gia', last_name: 'Google', is_verified: true },
      organisations: [],
    });
    assert.equal(calls[0]!.operationName, 'RestAuthenticateContactExternal');
    assert.equal(calls[0]!.headers['authorization'], undefined, 'a stale token is not passed on');
    assert.deepEqual(calls[0]!.variables, { input: { provider: 'GOOGLE', code: 'c0de', state: 'st4te-st4te-st4te' } });
    assert.equal(calls[1]!.headers['authorization'], `Bearer ${ACCESS}`);
    assert.equal(calls[1]!.headers['x-consistency-token'], `contact:${CONTACT_ID}:1`);

    const fb = await send(
      'POST',
      '/self-service/v2/contacts/authenticate',
      { provider: 'FACEBOOK', token: 'fb-token', application_id: '42' },
      { api_key: PUBLIC_KEY },
    );
    assert.equal(fb.status, 200, fb.text);
    assert.deepEqual(calls[0]!.variables, { input: { provider: 'FACEBOOK', token: 'fb-token', applicationId: '42' } });

    // a bad / used / expired state, code or token: the identity service's UNAUTHENTICATED error
    respond = () => ({
      status: 200,
      body: {
        errors: [
          {
            message: 'the sign-in with the external provider could not be completed',
            extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_STATE' },
          },
        ],
      },
      headers: {},
    });
    const failed = await send(
      'POST',
      '/self-service/v2/contacts/authenticate',
      { provider: 'OIDC_OAUTH', code: 'c', state: 's' },
      { api_key: PUBLIC_KEY },
    );
    assert.equal(failed.status, 401, failed.text);

    const refused = await send('POST', '/self-service/v2/contacts/authenticate', { provider: 'APPLE', token: 't' }, { api_key: PUBLIC_KEY });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body!['field'], 'provider');
    assert.equal(calls.length, 0);

    respond = (call) =>
      call.operationName === 'RestOidcAuthorizationUrl'
        ? { status: 200, body: { data: { oidcAuthorizationUrl: { authorizationUrl: 'https://idp.example/auth?state=x', errors: [] } } }, headers: {} }
        : { status: 200, body: { data: null }, headers: {} };
    const start = await send('GET', '/self-service/v2/contacts/oidc/google?redirect_url=https%3A%2F%2Fapp.example%2Fcb', undefined, {
      api_key: PUBLIC_KEY,
    });
    assert.equal(start.status, 200, start.text);
    assert.deepEqual(start.body, { authorization_url: 'https://idp.example/auth?state=x' });
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.variables, { type: 'google', redirectUrl: 'https://app.example/cb' });

    for (const [field, gqlField] of [
      ['type', 'type'],
      ['redirect_url', 'redirectUrl'],
    ] as const) {
      respond = () => ({
        status: 200,
        body: {
          data: {
            oidcAuthorizationUrl: {
              authorizationUrl: null,
              errors: [{ code: 'VALIDATION', reason: 'X', field: gqlField, message: `${gqlField}: is not valid` }],
            },
          },
        },
        headers: {},
      });
      const bad = await send('GET', '/self-service/v2/contacts/oidc/other?redirect_url=https://evil.example', undefined, { api_key: PUBLIC_KEY });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body!['field'], field);
    }
    const noKey = await send('GET', '/self-service/v2/contacts/oidc/google?redirect_url=https://app.example/cb');
    assert.equal(noKey.status, 401, noKey.text);
    const post = await send('POST', '/self-service/v2/contacts/oidc/google', {}, { api_key: PUBLIC_KEY });
    assert.equal(post.status, 405, post.text);
  });

  it('refresh: the refresh token is the bearer credential and the argument, with or without api_key; a back-office pair is refused', async () => {
    respond = (call) =>
      call.operationName === 'RestRefreshSession'
        ? { status: 200, body: { data: { refreshSession: { tokens: TOKENS, errors: [] } } }, headers: {} }
        : { status: 200, body: { data: { contact: null } }, headers: {} };
    const r = await send('POST', '/self-service/v2/contacts/refresh', undefined, { api_key: PUBLIC_KEY, authorization: 'Bearer crm_rt_old' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body!['contact'], { id: CONTACT_ID });
    assert.deepEqual(calls[0]!.variables, { refreshToken: 'crm_rt_old' });
    assert.equal(calls[0]!.headers['authorization'], 'Bearer crm_rt_old', 'the gateway learns the tenant from the refresh token');
    assert.equal(calls[0]!.headers['api_key'], PUBLIC_KEY);
    // what a client generated from the contract sends: the bearer refresh token alone
    calls.length = 0;
    const bare = await send('POST', '/self-service/v2/contacts/refresh', undefined, { authorization: 'Bearer crm_rt_old' });
    assert.equal(bare.status, 200, bare.text);
    assert.equal(calls[0]!.headers['authorization'], 'Bearer crm_rt_old');
    assert.equal(calls[0]!.headers['api_key'], undefined);

    const userTokens = { ...TOKENS, accessToken: token({ sub: 'u1', aud: 'crm-backoffice' }) };
    respond = () => ({ status: 200, body: { data: { refreshSession: { tokens: userTokens, errors: [] } } }, headers: {} });
    assert.equal(
      (await send('POST', '/self-service/v2/contacts/refresh', undefined, { api_key: PUBLIC_KEY, authorization: 'Bearer crm_rt_user' })).status,
      401,
    );
  });

  it('the literal routes win over /contacts/{id}; GET /contacts is the existence check', async () => {
    respond = () => ({ status: 200, body: { data: { contactIdentityExists: false } }, headers: {} });
    const exists = await send('GET', '/self-service/v2/contacts?email_address=a@b.co', undefined, { api_key: PUBLIC_KEY });
    assert.deepEqual([exists.status, exists.body], [200, { contact_exists: false }]);
    assert.equal(calls[0]!.operationName, 'RestContactIdentityExists');
    assert.equal((await send('GET', '/self-service/v2/contacts/register', undefined, { api_key: PUBLIC_KEY })).status, 405);
    assert.equal((await send('GET', '/self-service/v2/contacts?email_address=a@b.co')).status, 401, 'api_key required');
  });
});
