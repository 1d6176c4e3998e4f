import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../testing/test-platform';
import { assertRestAnswer, exactCall } from '../testing/rest-client';
import { SELF_SERVICE_CONTRACT } from '../contracts/paths';
import { loadSelfServiceResponseValidator } from './kit/openapi-validator';
import { authTokensResponse } from './backoffice/user-auth/schemas';

/**
 * "The first hour", item 6: a client generated from the contracts sends only the credentials the
 * operations declare. `POST /self-service/v2/contacts/refresh` declares only the bearer (the
 * refresh token), `POST /self-service/v2/contacts/{id}/change_password` only the contact's bearer
 * and the body `{password}`. Every call here carries exactly those headers (no x-dev-*), and every
 * success is validated against the Self-Service v2 OpenAPI (or, for the back-office, our own
 * response schema). The re-authentication window is set through config (REAUTH_WINDOW_SECONDS),
 * never waited out, and the refresh-token reuse grace is 0 so a reuse is a theft signal at once.
 */

const SS = '/self-service/v2/contacts';
const BO = '/backoffice/v2';
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
  contact: { id: string };
}
interface BoTokens {
  access_token: string;
  refresh_token: string;
  mode?: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const CHANGE_USER_PASSWORD = `mutation($c: String, $n: String!) { changeUserPassword(currentPassword: $c, newPassword: $n) { changed errors { code reason field message } } }`;
const REFRESH_SESSION = `mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken refreshToken } errors { code reason message } } }`;

/** One platform and the calls of a generated client against it. */
function generatedClient(label: string, env: Record<string, string>) {
  const validate = loadSelfServiceResponseValidator(SELF_SERVICE_CONTRACT);
  const state = { p: undefined as unknown as TestPlatform, a: undefined as unknown as Tenant, b: undefined as unknown as Tenant, n: 0 };

  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const r = await exactCall<T>(state.p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }
  function expectOk<T>(r: HttpResult<T>, method: string, template: string, status: number): T {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.status} ${r.text}`);
    return r.body;
  }
  function expectError(r: HttpResult, status: number, error: string, field?: string, label = ''): void {
    assert.equal(r.status, status, `${label} ${r.text}`);
    assert.equal((r.body as any).error, `CRM.EXCEPTIONS.${error}`, `${label} ${r.text}`);
    if (field) assert.equal((r.body as any).field, field, `${label} ${r.text}`);
  }
  /** A contact of tenant A with an email and a password, signed in (register answers tokens). */
  async function signedInContact(password = PASSWORD): Promise<{ email: string; auth: Auth }> {
    const email = `gen-${label}-${++state.n}@example.com`;
    const reg = await call<Auth>(
      'POST',
      `${SS}/register`,
      { first_name: 'Gen', last_name: 'Client', identification: { provider: 'EMAIL', email, password } },
      { api_key: state.a.publicApiKey },
    );
    return { email, auth: expectOk(reg, 'POST', `${SS}/register`, 201) };
  }
  const signIn = (email: string, password: string) =>
    call<Auth>('POST', `${SS}/authenticate`, { username: email, password }, { api_key: state.a.publicApiKey });
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    call<Auth>('POST', `${SS}/refresh`, undefined, { ...bearer(refreshToken), ...extra });
  const ownerSignIn = (password: string) =>
    call<BoTokens>(
      'POST',
      `${BO}/users/authenticate`,
      { provider: 'EMAIL', username: `owner-${label}@example.com`, password },
      { api_key: state.a.publicApiKey },
    );
  const graphql = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    exactCall<{ data?: any; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] }>(
      state.p.url,
      'POST',
      '/graphql',
      { query, variables },
      headers,
    );

  before(async () => {
    state.p = await startTestPlatform(`rest-generated-client-${label}`, { REFRESH_REUSE_GRACE_SECONDS: '0', ...env });
    state.a = await state.p.identityWrite.createTenant({
      name: `Gen A ${label}`,
      ownerEmail: `owner-${label}@example.com`,
      ownerPassword: PASSWORD,
      applicationName: 'App A',
    });
    state.b = await state.p.identityWrite.createTenant({
      name: `Gen B ${label}`,
      ownerEmail: `owner-b-${label}@example.com`,
      ownerPassword: PASSWORD,
      applicationName: 'App B',
    });
  });
  after(async () => {
    await state.p?.stop();
  });

  return { state, call, expectOk, expectError, signedInContact, signIn, refresh, ownerSignIn, graphql };
}

describe('a client generated from the contracts: refresh and change_password (default 5-minute re-authentication window)', () => {
  const c = generatedClient('window', {});

  it('refreshes a contact session with the bearer refresh token alone, keeping the sign-in time', async () => {
    const { auth } = await c.signedInContact();
    const signedInAt = claimsOf(auth.access_token)['auth_time'];
    assert.equal(typeof signedInAt, 'number', 'the access token carries auth_time');
    const refreshed = c.expectOk(await c.refresh(auth.refresh_token), 'POST', `${SS}/refresh`, 200);
    assert.notEqual(refreshed.refresh_token, auth.refresh_token);
    assert.equal(refreshed.contact.id, auth.contact.id);
    assert.equal(claimsOf(refreshed.access_token)['auth_time'], signedInAt, 'refresh keeps the original sign-in time');
    c.expectOk(await c.call('GET', `${SS}/${auth.contact.id}`, undefined, bearer(refreshed.access_token)), 'GET', `${SS}/{id}`, 200);
    // the api_key path still works (a key of the token's own tenant)
    const again = c.expectOk(await c.refresh(refreshed.refresh_token, { api_key: c.state.a.publicApiKey }), 'POST', `${SS}/refresh`, 200);
    assert.equal(again.contact.id, auth.contact.id);
  });

  it('refuses a refresh token of tenant A with an api_key of tenant B (401), without spending it', async () => {
    const { auth } = await c.signedInContact();
    c.expectError(
      await c.refresh(auth.refresh_token, { api_key: c.state.b.publicApiKey }),
      401,
      'UNAUTHORIZEDEXCEPTION',
      undefined,
      'cross-tenant key',
    );
    c.expectError(
      await c.refresh(auth.refresh_token, { api_key: c.state.b.secretApiKey }),
      401,
      'UNAUTHORIZEDEXCEPTION',
      undefined,
      'cross-tenant secret key',
    );
    c.expectOk(await c.refresh(auth.refresh_token), 'POST', `${SS}/refresh`, 200);
  });

  it('refuses unknown refresh tokens and ends the session when a spent one comes back', async () => {
    c.expectError(await c.refresh('crm_rt_not-a-real-token'), 401, 'UNAUTHORIZEDEXCEPTION', undefined, 'unknown token');
    c.expectError(await c.call('POST', `${SS}/refresh`, undefined, {}), 401, 'UNAUTHORIZEDEXCEPTION', undefined, 'no token');
    const { auth } = await c.signedInContact();
    const child = c.expectOk(await c.refresh(auth.refresh_token), 'POST', `${SS}/refresh`, 200);
    c.expectError(await c.refresh(auth.refresh_token), 401, 'UNAUTHORIZEDEXCEPTION', undefined, 'spent token');
    c.expectError(await c.refresh(child.refresh_token), 401, 'UNAUTHORIZEDEXCEPTION', undefined, "the reuse ended the child's session too");
  });

  it('refreshes a back-office session with the bearer refresh token alone (no mode without a key)', async () => {
    const login = await c.ownerSignIn(PASSWORD);
    assert.equal(login.status, 200, login.text);
    const r = await c.call<BoTokens>('POST', `${BO}/users/refresh`, undefined, bearer(login.body.refresh_token));
    assert.equal(r.status, 200, r.text);
    assert.ok(authTokensResponse.safeParse(r.body).success, r.text);
    assert.equal(r.body.mode, undefined);
    assert.equal(claimsOf(r.body.access_token)['auth_time'], claimsOf(login.body.access_token)['auth_time']);
    assert.equal((await c.call('GET', `${BO}/contacts?size=1`, undefined, bearer(r.body.access_token))).status, 200);
    const withKey = await c.call<BoTokens>('POST', `${BO}/users/refresh`, undefined, {
      ...bearer(r.body.refresh_token),
      api_key: c.state.a.publicApiKey,
    });
    assert.equal(withKey.status, 200, withKey.text);
    assert.equal(withKey.body.mode, 'LIVE');
    const cross = await c.call('POST', `${BO}/users/refresh`, undefined, { ...bearer(withKey.body.refresh_token), api_key: c.state.b.publicApiKey });
    c.expectError(cross, 401, 'UNAUTHORIZEDEXCEPTION', undefined, 'back-office cross-tenant key');
  });

  it('refreshes through GraphQL with the refresh token as the only credential', async () => {
    const { auth } = await c.signedInContact();
    const r = await c.graphql(REFRESH_SESSION, { t: auth.refresh_token }, bearer(auth.refresh_token));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.errors, undefined, r.text);
    assert.ok(r.body.data.refreshSession.tokens.refreshToken.startsWith('crm_rt_'), r.text);
    // the refresh token is a credential for its refresh only: anything else is 401
    const next = r.body.data.refreshSession.tokens.refreshToken as string;
    for (const query of ['mutation { signOut { signedOut } }', '{ __typename }']) {
      const refused = await c.graphql(query, {}, bearer(next));
      assert.equal(refused.status, 401, `${query}: ${refused.text}`);
      assert.equal(refused.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', refused.text);
    }
    c.expectError(
      await c.call('GET', `${SS}/${auth.contact.id}`, undefined, bearer(next)),
      401,
      'UNAUTHORIZEDEXCEPTION',
      undefined,
      'refresh token as access token',
    );
  });

  it('changes the password with {password} alone right after signing in (also from a refreshed token)', async () => {
    const { email, auth } = await c.signedInContact();
    const refreshed = c.expectOk(await c.refresh(auth.refresh_token), 'POST', `${SS}/refresh`, 200);
    const change = `${SS}/${auth.contact.id}/change_password`;
    // a wrong current password stays a 400, even within the window
    c.expectError(
      await c.call('POST', change, { password: 'Gen-New-Password-1', current_password: 'not-the-password' }, bearer(refreshed.access_token)),
      400,
      'INVALIDVALUEEXCEPTION',
      'current_password',
    );
    c.expectOk(
      await c.call('POST', change, { password: 'Gen-New-Password-1' }, bearer(refreshed.access_token)),
      'POST',
      `${SS}/{id}/change_password`,
      204,
    );
    c.expectError(await c.signIn(email, PASSWORD), 401, 'INVALIDLOGINEXCEPTION', undefined, 'old password');
    c.expectOk(await c.signIn(email, 'Gen-New-Password-1'), 'POST', `${SS}/authenticate`, 200);
    c.expectError(await c.refresh(refreshed.refresh_token), 401, 'UNAUTHORIZEDEXCEPTION', undefined, 'the sessions ended with the change');
  });

  it('lets a back-office user change their password without the current one right after signing in', async () => {
    const login = await c.ownerSignIn(PASSWORD);
    const r = await c.graphql(CHANGE_USER_PASSWORD, { n: 'Owner-New-Password-2' }, bearer(login.body.access_token));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data?.changeUserPassword, { changed: true, errors: [] }, r.text);
    assert.equal((await c.ownerSignIn('Owner-New-Password-2')).status, 200);
    assert.equal((await c.ownerSignIn(PASSWORD)).status, 401);
  });
});

describe('a client generated from the contracts: change_password outside the re-authentication window (REAUTH_WINDOW_SECONDS=0)', () => {
  const c = generatedClient('nowindow', { REAUTH_WINDOW_SECONDS: '0' });

  it('answers {password} alone with 403 naming current_password, and changes nothing', async () => {
    const { email, auth } = await c.signedInContact();
    const r = await c.call('POST', `${SS}/${auth.contact.id}/change_password`, { password: 'Gen-New-Password-1' }, bearer(auth.access_token));
    c.expectError(r, 403, 'FORBIDDENEXCEPTION', 'current_password');
    assert.match((r.body as { message: string }).message, /current_password/);
    c.expectOk(await c.signIn(email, PASSWORD), 'POST', `${SS}/authenticate`, 200);
  });

  it('still changes the password with the correct current_password, and refuses a wrong one with 400', async () => {
    const { email, auth } = await c.signedInContact();
    const change = `${SS}/${auth.contact.id}/change_password`;
    c.expectError(
      await c.call('POST', change, { password: 'Gen-New-Password-1', current_password: 'not-the-password' }, bearer(auth.access_token)),
      400,
      'INVALIDVALUEEXCEPTION',
      'current_password',
    );
    c.expectOk(
      await c.call('POST', change, { password: 'Gen-New-Password-1', current_password: PASSWORD }, bearer(auth.access_token)),
      'POST',
      `${SS}/{id}/change_password`,
      204,
    );
    c.expectOk(await c.signIn(email, 'Gen-New-Password-1'), 'POST', `${SS}/authenticate`, 200);
  });

  it('refuses a back-office password change without the current password (FORBIDDEN), and allows it with', async () => {
    const login = await c.ownerSignIn(PASSWORD);
    const refused = await c.graphql(CHANGE_USER_PASSWORD, { n: 'Owner-New-Password-2' }, bearer(login.body.access_token));
    assert.equal(refused.body.errors?.[0]?.extensions?.code, 'FORBIDDEN', refused.text);
    assert.equal(refused.body.errors?.[0]?.extensions?.reason, 'REAUTHENTICATION_REQUIRED', refused.text);
    const ok = await c.graphql(CHANGE_USER_PASSWORD, { c: PASSWORD, n: 'Owner-New-Password-2' }, bearer(login.body.access_token));
    assert.deepEqual(ok.body.data?.changeUserPassword, { changed: true, errors: [] }, ok.text);
  });
});
