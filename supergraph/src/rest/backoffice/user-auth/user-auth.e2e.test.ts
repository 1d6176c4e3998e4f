import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../../testing/test-platform';
import { eventually } from '../../../testing/eventually';
import { assertRestAnswer, exactCall } from '../../../testing/rest-client';

/**
 * NOTES §7 flow 19 (back-office admin session and paged export) through the REST facade on the
 * real platform, with real keys and tokens only: every call here goes straight to the public
 * origin WITHOUT the harness' dev headers, so nothing can fall back to the development
 * authenticator.
 */

const BO = '/backoffice/v2';
const CONTACTS = `${BO}/contacts`;
const PASSWORD = 'Correct-Horse-Battery-9';
const TOKEN_FIELDS = ['access_token', 'expiration_date', 'mode', 'password_expired', 'refresh_token'];

interface Tenant {
  tenantId: string;
  ownerUserId: string;
  publicApiKey: string;
  secretApiKey: string;
}
interface Tokens {
  access_token: string;
  refresh_token: string;
  expiration_date: number;
  mode: string;
  password_expired: boolean;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const subOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string }).sub;

describe('back-office user sessions through the REST facade (NOTES §7 flow 19)', () => {
  let p: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  const ownerA = 'owner@flow19-a.example';
  const ownerB = 'owner@flow19-b.example';
  const statuses: string[] = [];

  /**
   * A call with exactly `headers` (no x-dev-*). Every answer must be below 500, and every failure
   * `{error: "CRM.EXCEPTIONS.X", message}` without a stack trace.
   */
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const r = await exactCall<T>(p.url, method, path, body, headers);
    statuses.push(`${r.status} ${method} ${path}`);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }

  function assertTokens(r: HttpResult<Tokens>, label: string): Tokens {
    assert.equal(r.status, 200, `${label}: ${r.text}`);
    assert.deepEqual(Object.keys(r.body).sort(), TOKEN_FIELDS, label);
    assert.equal(typeof r.body.access_token, 'string');
    assert.ok(r.body.refresh_token.startsWith('crm_rt_'), label);
    assert.ok(Number.isInteger(r.body.expiration_date) && r.body.expiration_date > Date.now() / 1000, label);
    assert.equal(r.body.mode, 'LIVE', label);
    assert.equal(r.body.password_expired, false, label);
    return r.body;
  }

  const authenticate = (tenant: Tenant, username: string, password = PASSWORD, extra: Record<string, unknown> = {}) =>
    call<Tokens>('POST', `${BO}/users/authenticate`, { provider: 'EMAIL', username, password, ...extra }, { api_key: tenant.publicApiKey });

  before(async () => {
    p = await startTestPlatform('rest-backoffice-auth');
    a = await p.identityWrite.createTenant({ name: 'Flow 19 A', ownerEmail: ownerA, ownerPassword: PASSWORD, applicationName: 'Export A' });
    b = await p.identityWrite.createTenant({ name: 'Flow 19 B', ownerEmail: ownerB, ownerPassword: PASSWORD, applicationName: 'Export B' });
  });
  after(async () => {
    await p?.stop();
  });

  it('signs in, exports every contact page by page, refreshes, and signs out', async () => {
    // 25 contacts, server to server with the secret key
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await call(
        'POST',
        CONTACTS,
        { contact_type: 'PERSON', first_name: 'Export', last_name: `Person ${String(i).padStart(2, '0')}` },
        { api_key: a.secretApiKey },
      );
      assert.equal(r.status, 201, r.text);
      created.push(r.body.id as string);
    }
    assert.equal(new Set(created).size, 25);

    // 1. sign in with the public key
    const login = assertTokens(await authenticate(a, ownerA), 'authenticate');
    assert.equal(subOf(login.access_token), a.ownerUserId, 'the sub claim is the user id');
    const access = bearer(login.access_token);

    // the projection catches up with the 25 writes
    await eventually('the 25 contacts are listed', async () => {
      const r = await call('GET', `${CONTACTS}?include_total=true&size=1`, undefined, access);
      assert.equal(r.status, 200, r.text);
      return r.body.paging.total === 25;
    });

    // 2. paged export until has_more=false
    const exported: string[] = [];
    let page = 1;
    for (;;) {
      const r = await call('GET', `${CONTACTS}?size=10&page=${page}`, undefined, access);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(Object.keys(r.body.paging).sort(), ['has_more', 'page', 'size']);
      assert.equal(r.body.paging.page, page);
      exported.push(...(r.body.content as { id: string }[]).map((c) => c.id));
      if (!r.body.paging.has_more) break;
      page++;
      assert.ok(page <= 10, 'paging must end');
    }
    assert.equal(page, 3);
    assert.equal(exported.length, 25);
    assert.deepEqual([...exported].sort(), [...created].sort());

    // 3. refresh: a new pair; the spent refresh token repeated within the grace window gets that
    // same pair, through each accepted transport (Bearer, bare, v1 refresh_token header)
    const refreshed = assertTokens(
      await call<Tokens>('POST', `${BO}/users/refresh`, undefined, { ...bearer(login.refresh_token), api_key: a.publicApiKey }),
      'refresh',
    );
    assert.notEqual(refreshed.refresh_token, login.refresh_token);
    assert.notEqual(refreshed.access_token, login.access_token);
    const repeats = await Promise.all([
      call<Tokens>('POST', `${BO}/users/refresh`, {}, { ...bearer(login.refresh_token), api_key: a.publicApiKey }),
      call<Tokens>('POST', `${BO}/users/refresh`, undefined, { authorization: login.refresh_token, api_key: a.publicApiKey }),
      call<Tokens>('POST', `${BO}/users/refresh`, '{}', { refresh_token: login.refresh_token, api_key: a.publicApiKey }),
    ]);
    for (const [i, r] of repeats.entries()) assert.deepEqual(assertTokens(r, `repeat ${i}`), refreshed, `repeat ${i} within the grace window`);
    const garbage = await call('POST', `${BO}/users/refresh`, undefined, { ...bearer('crm_rt_not-a-real-token'), api_key: a.publicApiKey });
    assert.equal(garbage.status, 401, garbage.text);
    // the bearer refresh token alone is enough (it names its tenant); without a key, no mode
    const bare = await call<Tokens>('POST', `${BO}/users/refresh`, undefined, { ...bearer(refreshed.refresh_token) });
    assert.equal(bare.status, 200, bare.text);
    assert.equal(bare.body.mode, undefined);
    assert.equal((await call('POST', `${BO}/users/refresh`, undefined, { api_key: a.publicApiKey })).status, 401, 'refresh token required');
    const renewed = bearer(refreshed.access_token);
    assert.equal((await call('GET', `${CONTACTS}?size=1`, undefined, renewed)).status, 200);

    // the user id must be the token's subject
    const notMine = await call('POST', `${BO}/users/${randomUUID()}/sign_out`, undefined, renewed);
    assert.equal(notMine.status, 403, notMine.text);
    assert.equal((await call('POST', `${BO}/users/${a.ownerUserId}/sign_out`)).status, 401, 'no token');

    // 4. sign out (by the sub claim, as flow 19 does)
    const out = await call('POST', `${BO}/users/${subOf(refreshed.access_token)}/sign_out`, undefined, renewed);
    assert.equal(out.status, 204, out.text);
    assert.equal(out.text, '');
    const dead = await call('POST', `${BO}/users/refresh`, undefined, { ...bearer(refreshed.refresh_token), api_key: a.publicApiKey });
    assert.equal(dead.status, 401, `the refresh token dies with the session: ${dead.text}`);
    await eventually('the signed-out access token is refused', async () => (await call('GET', CONTACTS, undefined, renewed)).status === 401);
    for (const token of [refreshed.access_token, login.access_token]) {
      const r = await call('GET', CONTACTS, undefined, bearer(token));
      assert.equal(r.status, 401, r.text);
      assert.equal(r.body.error, 'CRM.EXCEPTIONS.UNAUTHORIZEDEXCEPTION');
    }
    // signing out again with the dead token is a 401, not a 5xx
    assert.equal((await call('POST', `${BO}/users/${a.ownerUserId}/sign_out`, undefined, renewed)).status, 401);
  });

  it('ends the session when a spent refresh token comes back after the grace window (5 s in tests)', async () => {
    const login = assertTokens(await authenticate(a, ownerA), 'authenticate');
    const child = assertTokens(
      await call<Tokens>('POST', `${BO}/users/refresh`, undefined, { ...bearer(login.refresh_token), api_key: a.publicApiKey }),
      'refresh',
    );
    // within the window a reuse gets the same pair; wait for the first one after it (not for a clock)
    const reuse = await eventually('a reuse after the grace window to be refused', async () => {
      const r = await call<Tokens>('POST', `${BO}/users/refresh`, undefined, { ...bearer(login.refresh_token), api_key: a.publicApiKey });
      if (r.status === 401) return r;
      assert.deepEqual(assertTokens(r, 'reuse within the grace window'), child, 'a reuse within the grace window gets the same pair');
      return null;
    });
    assert.equal(reuse.status, 401, reuse.text);
    const childRefresh = await call('POST', `${BO}/users/refresh`, undefined, { ...bearer(child.refresh_token), api_key: a.publicApiKey });
    assert.equal(childRefresh.status, 401, 'the whole family is revoked');
  });

  it('answers an unknown user and a wrong password identically, and locks out after repeated failures', async () => {
    const wrong = await authenticate(a, ownerA, 'Wrong-Password-123');
    const unknown = await authenticate(a, 'nobody@flow19-a.example', 'Wrong-Password-123');
    const strip = (r: HttpResult) => JSON.stringify({ ...(r.body as object), correlation_id: undefined });
    assert.equal(wrong.status, 401, wrong.text);
    assert.equal(unknown.status, wrong.status);
    assert.equal(strip(unknown), strip(wrong));
    assert.equal((wrong.body as any).error, 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION');
    // the owner of A is not a user of tenant B
    const otherTenant = await authenticate(b, ownerA);
    assert.equal(otherTenant.status, 401);
    assert.equal(strip(otherTenant), strip(wrong));

    // bad requests never reach the identity service
    for (const [label, body] of [
      ['unknown provider', { provider: 'PHONE', username: ownerA, password: PASSWORD }],
      ['unknown field', { provider: 'EMAIL', username: ownerA, password: PASSWORD, remember_me: true }],
      ['missing password', { provider: 'EMAIL', username: ownerA }],
    ] as const) {
      const r = await call('POST', `${BO}/users/authenticate`, body, { api_key: a.publicApiKey });
      assert.equal(r.status, 400, `${label}: ${r.text}`);
    }
    assert.equal((await call('POST', `${BO}/users/authenticate`, { username: ownerA, password: PASSWORD })).status, 401, 'api_key required');
    assert.equal(
      (await call('POST', `${BO}/users/authenticate`, { username: ownerA, password: PASSWORD }, { api_key: 'crm_pk_live_nope' })).status,
      401,
      'bad api_key',
    );
    // the secret key works for sign-in too; the provider is optional and case-insensitive
    const viaSecret = await call<Tokens>(
      'POST',
      `${BO}/users/authenticate`,
      { provider: 'email', username: ownerA, password: PASSWORD },
      { api_key: a.secretApiKey },
    );
    assertTokens(viaSecret, 'sign-in with the secret key');

    // lockout (5 failures in tests): the same 429 for known and unknown identities
    const ghost = 'ghost@flow19-b.example';
    const seen: number[] = [];
    let locked: HttpResult | undefined;
    for (let i = 0; i < 8 && !locked; i++) {
      const r = await authenticate(b, ghost, `Wrong-Password-${i}`);
      seen.push(r.status);
      if (r.status === 429) locked = r;
    }
    assert.ok(locked, `no 429 after ${seen.join(',')}`);
    assert.deepEqual(seen.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal((locked.body as any).error, 'CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION');
    assert.match(locked.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  });

  it('keeps tenants apart and tokens within their API family', async () => {
    const mine = await call('POST', CONTACTS, { contact_type: 'COMPANY', company_name: 'Tenant A Only Ltd' }, { api_key: a.secretApiKey });
    assert.equal(mine.status, 201, mine.text);
    const id = mine.body.id as string;
    assert.equal((await call('GET', `${CONTACTS}/${id}`, undefined, { api_key: a.secretApiKey })).status, 200);

    // tenant B's secret key sees none of A's contacts
    assert.equal((await call('GET', `${CONTACTS}/${id}`, undefined, { api_key: b.secretApiKey })).status, 404);
    const listB = await call('GET', `${CONTACTS}?include_total=true&size=100`, undefined, { api_key: b.secretApiKey });
    assert.equal(listB.status, 200, listB.text);
    assert.equal(listB.body.paging.total, 0);
    assert.deepEqual(listB.body.content, []);

    const login = assertTokens(await authenticate(a, ownerA), 'authenticate');
    // a token of A with B's api_key is refused
    assert.equal((await call('GET', CONTACTS, undefined, { ...bearer(login.access_token), api_key: b.secretApiKey })).status, 401);
    // the bare token (crm5_bo sends no `Bearer `) works, with A's secret key too
    assert.equal((await call('GET', `${CONTACTS}/${id}`, undefined, { authorization: login.access_token, api_key: a.secretApiKey })).status, 200);
    // a back-office token is refused on the self-service API, whatever family the caller claims
    const claims: Record<string, string>[] = [{}, { 'x-crm-api-family': 'backoffice' }];
    for (const claimed of claims) {
      const r = await call('GET', `/self-service/v2/contacts/${id}`, undefined, {
        ...bearer(login.access_token),
        api_key: a.publicApiKey,
        ...claimed,
      });
      assert.equal(r.status, 401, `self-service with a back-office token: ${r.text}`);
    }
    // the refresh token is not an access token
    assert.equal((await call('GET', CONTACTS, undefined, bearer(login.refresh_token))).status, 401);
  });

  it('switches organisation and accepts forgot_password requests', async () => {
    const login = assertTokens(await authenticate(a, ownerA), 'authenticate');
    const access = bearer(login.access_token);
    // the tenant is its own root organisation
    const switched = assertTokens(
      await call<Tokens>('POST', `${BO}/organisations/switch/${a.tenantId}`, undefined, { ...access, api_key: a.publicApiKey }),
      'switch',
    );
    assert.notEqual(switched.access_token, login.access_token);
    assert.equal(subOf(switched.access_token), a.ownerUserId);
    assert.equal((await call('GET', `${CONTACTS}?size=1`, undefined, bearer(switched.access_token))).status, 200);
    const unknown = await call('POST', `${BO}/organisations/switch/${randomUUID()}`, undefined, { ...access, api_key: a.publicApiKey });
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.error, 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
    assert.equal((await call('POST', `${BO}/organisations/switch/${b.tenantId}`, undefined, access)).status, 404, "another tenant's organisation");
    assert.equal((await call('POST', `${BO}/organisations/switch/not-an-id`, undefined, access)).status, 400);
    assert.equal(
      (await call('POST', `${BO}/organisations/switch/${a.tenantId}`, undefined, { api_key: a.secretApiKey })).status,
      401,
      'a user token is required',
    );

    for (const email of [ownerA, 'nobody@flow19-a.example']) {
      const r = await call('POST', `${BO}/users/forgot_password`, { email }, { api_key: a.publicApiKey });
      assert.equal(r.status, 204, r.text);
      assert.equal(r.text, '');
    }
    assert.equal((await call('POST', `${BO}/users/forgot_password`, { email: 'not-an-email' }, { api_key: a.publicApiKey })).status, 400);
    assert.equal((await call('POST', `${BO}/users/forgot_password`, { username: ownerA }, { api_key: a.publicApiKey })).status, 400);
  });

  it("lists the tenant's users and gets one by id; another tenant's owner gets 404 for it", async () => {
    const access = bearer(assertTokens(await authenticate(a, ownerA), 'authenticate').access_token);
    let listed: any;
    await eventually(
      'the owner is listed',
      async () => {
        const r = await call('GET', `${BO}/users?page=1&size=10`, undefined, access);
        assert.equal(r.status, 200, r.text);
        listed = r.body;
        return (r.body.content as { id: string }[]).some((u) => u.id === a.ownerUserId);
      },
      5_000,
    );
    assert.deepEqual(listed.paging, { page: 1, size: 10, has_more: false });
    const owner = (listed.content as Record<string, any>[]).find((u) => u['id'] === a.ownerUserId);
    assert.equal(owner?.['email'], ownerA);
    assert.equal(owner?.['status'], 'ACTIVE');
    assert.ok(Number.isInteger(owner?.['created_date']) && Number.isInteger(owner?.['updated_date']));

    const one = await call('GET', `${BO}/users/${a.ownerUserId}`, undefined, access);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body, owner);
    assert.equal((await call('GET', `${BO}/users?teams=x`, undefined, access)).status, 400, 'unknown filter');

    const accessB = bearer(assertTokens(await authenticate(b, ownerB), 'authenticate B').access_token);
    const foreign = await call('GET', `${BO}/users/${a.ownerUserId}`, undefined, accessB);
    assert.equal(foreign.status, 404, foreign.text);
    assert.equal(foreign.body.error, 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
  });

  it('resets a forgotten password with the emailed token; the old password and sessions stop working', async () => {
    const before = assertTokens(await authenticate(b, ownerB), 'authenticate');
    assert.equal((await call('POST', `${BO}/users/forgot_password`, { email: ownerB }, { api_key: b.publicApiKey })).status, 204);
    const outbox = await call<{ messages: { body: string }[] }>('GET', `/dev/outbox?to=${encodeURIComponent(ownerB)}`);
    const token = /crm_pr_[A-Za-z0-9_-]+/.exec(outbox.body.messages[0]?.body ?? '')?.[0];
    assert.ok(token, outbox.text);
    const bad = await call(
      'POST',
      `${BO}/users/change_password`,
      { token: 'crm_pr_nope', password: 'Brand-New-Password-1' },
      { api_key: b.publicApiKey },
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'token');
    const ok = await call('POST', `${BO}/users/change_password`, { token, password: 'Brand-New-Password-1' }, { api_key: b.publicApiKey });
    assert.equal(ok.status, 204, ok.text);
    assert.equal(
      (await call('POST', `${BO}/users/change_password`, { token, password: 'Another-Password-2' }, { api_key: b.publicApiKey })).status,
      400,
      'the token works once',
    );
    assert.equal((await authenticate(b, ownerB)).status, 401, 'the old password no longer works');
    assertTokens(await authenticate(b, ownerB, 'Brand-New-Password-1'), 'new password');
    assert.equal(
      (await call('POST', `${BO}/users/refresh`, undefined, { api_key: b.publicApiKey, authorization: `Bearer ${before.refresh_token}` })).status,
      401,
      'earlier sessions ended',
    );
  });

  it('answered no call with a 5xx', () => {
    assert.ok(statuses.length > 50);
    assert.deepEqual(
      statuses.filter((s) => s.startsWith('5')),
      [],
    );
  });
});
