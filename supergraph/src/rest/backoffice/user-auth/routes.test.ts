import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { MemoryCache } from '@crm/platform/cache';
import { AppError } from '@crm/platform/errors';
import { generateApiKey } from '@crm/platform/security';
import { createRestFacade } from '../../index';
import { retryAfterOf } from '../../kit/context';
import type { GraphQLCall, GraphQLResult } from '../../kit/gateway-client';
import { validateBody } from '../../domains/contacts/bodies';
import {
  authenticateBody,
  bearerToken,
  claimedSubject,
  emptyBody,
  forgotPasswordBody,
  modeOfApiKey,
  refreshTokenOf,
  requireApiKey,
} from '../../domains/identity/session';

function rejects(schema: Parameters<typeof validateBody>[0], body: unknown, field: string) {
  assert.throws(
    () => validateBody(schema, body),
    (err: unknown) => {
      assert.ok(err instanceof AppError, String(err));
      assert.equal(err.code, 'VALIDATION');
      assert.equal(err.field, field, `${JSON.stringify(body)} → ${err.message}`);
      assert.ok(err.message.startsWith(`${field}: `), err.message);
      return true;
    },
  );
}

function unauthenticated(fn: () => unknown, reason: string) {
  assert.throws(fn, (err: unknown) => err instanceof AppError && err.code === 'UNAUTHENTICATED' && err.reason === reason);
}

const jwtWith = (claims: unknown) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const USER_ID = '0df9936c-7d5f-a878-4c05-9b942aa14295';

describe('back-office user bodies and credential headers', () => {
  it('authenticate: {provider?: EMAIL (any case), username, password}, nothing else', () => {
    assert.deepEqual(validateBody(authenticateBody, { provider: ' email ', username: 'a@b.co', password: 'pw' }), {
      provider: 'EMAIL',
      username: 'a@b.co',
      password: 'pw',
    });
    assert.deepEqual(validateBody(authenticateBody, { username: 'a@b.co', password: 'pw' }), { username: 'a@b.co', password: 'pw' });
    rejects(authenticateBody, { provider: 'PHONE', username: 'a@b.co', password: 'pw' }, 'provider');
    rejects(authenticateBody, { provider: 'EMAIL', username: 'a@b.co', password: 'pw', remember_me: true }, 'remember_me');
    rejects(authenticateBody, { username: 'a@b.co' }, 'password');
    rejects(authenticateBody, { password: 'pw' }, 'username');
    rejects(authenticateBody, { username: '', password: 'pw' }, 'username');
    rejects(authenticateBody, { username: 'a@b.co', password: '' }, 'password');
    rejects(authenticateBody, { username: 42, password: 'pw' }, 'username');
    rejects(authenticateBody, { username: 'a@b.co', password: 'x'.repeat(1025) }, 'password');
    rejects(authenticateBody, { username: `${'a'.repeat(320)}@b.co`, password: 'pw' }, 'username');
  });

  it('forgot_password: {email} with an email address', () => {
    assert.deepEqual(validateBody(forgotPasswordBody, { email: ' a@b.co ' }), { email: 'a@b.co' });
    rejects(forgotPasswordBody, { email: 'nope' }, 'email');
    rejects(forgotPasswordBody, {}, 'email');
    rejects(forgotPasswordBody, { email: 'a@b.co', username: 'a' }, 'username');
    rejects(forgotPasswordBody, { email: null }, 'email');
  });

  it('body-less routes accept only an empty object', () => {
    assert.deepEqual(validateBody(emptyBody, {}), {});
    rejects(emptyBody, { redirect_url: 'x' }, 'redirect_url');
  });

  it('reads bearer tokens with or without the Bearer prefix', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer   abc '), 'abc');
    assert.equal(bearerToken('abc'), 'abc');
    assert.equal(bearerToken('Bearer '), undefined);
    assert.equal(bearerToken('  '), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });

  it('takes the refresh token from authorization, else the v1 refresh_token header', () => {
    assert.equal(refreshTokenOf('Bearer crm_rt_a', undefined), 'crm_rt_a');
    assert.equal(refreshTokenOf('crm_rt_a', undefined), 'crm_rt_a');
    assert.equal(refreshTokenOf(undefined, 'crm_rt_b'), 'crm_rt_b');
    assert.equal(refreshTokenOf('Bearer crm_rt_a', 'crm_rt_b'), 'crm_rt_a');
    unauthenticated(() => refreshTokenOf(undefined, undefined), 'REFRESH_TOKEN_REQUIRED');
    unauthenticated(() => refreshTokenOf('Bearer ', ''), 'REFRESH_TOKEN_REQUIRED');
    unauthenticated(() => refreshTokenOf(`Bearer ${'x'.repeat(201)}`, undefined), 'INVALID_REFRESH_TOKEN');
  });

  it('requires an api_key and reads its mode', () => {
    unauthenticated(() => requireApiKey(undefined, 'sign in'), 'CREDENTIALS_REQUIRED');
    unauthenticated(() => requireApiKey(' ', 'sign in'), 'CREDENTIALS_REQUIRED');
    assert.equal(requireApiKey(' k ', 'sign in'), 'k');
    assert.equal(modeOfApiKey(generateApiKey('public', 'live').key), 'LIVE');
    assert.equal(modeOfApiKey(generateApiKey('secret', 'test').key), 'TEST');
    assert.equal(modeOfApiKey('crm_pk_live_garbage'), undefined);
    assert.equal(modeOfApiKey(undefined), undefined);
  });

  it('reads the wait of a rate-limit message', () => {
    assert.equal(retryAfterOf('too many attempts; try again in 900 seconds'), '900');
    assert.equal(retryAfterOf('try again in 1 second'), '1');
    assert.equal(retryAfterOf('slow down'), undefined);
    assert.equal(retryAfterOf(undefined), undefined);
  });

  it('reads the claimed sub of a JWT and nothing from anything else', () => {
    assert.equal(claimedSubject(jwtWith({ sub: USER_ID })), USER_ID);
    assert.equal(claimedSubject(jwtWith({ sub: 42 })), undefined);
    assert.equal(claimedSubject(jwtWith({ sub: '' })), undefined);
    assert.equal(claimedSubject(jwtWith(null)), undefined);
    assert.equal(claimedSubject('a.b'), undefined);
    assert.equal(claimedSubject('a.!!!.c'), undefined);
    assert.equal(claimedSubject('crm_rt_abc'), undefined);
  });
});

/** The user routes against a stub gateway: what is sent, what is not, and how answers map. */
describe('back-office user routes with a stub gateway', () => {
  const calls: GraphQLCall[] = [];
  let respond: (call: GraphQLCall) => GraphQLResult = () => ({ status: 200, body: { data: null }, headers: {} });
  let server: Server;
  let base: string;
  const publicKey = generateApiKey('public', 'live').key;
  const tokens = { accessToken: jwtWith({ sub: USER_ID }), refreshToken: 'crm_rt_new', expiresAt: 1_900_000_000, sessionId: 's1' };
  const tokensOut = {
    access_token: tokens.accessToken,
    refresh_token: 'crm_rt_new',
    expiration_date: 1_900_000_000,
    mode: 'LIVE',
    password_expired: false,
  };
  const ok = (data: Record<string, unknown>): GraphQLResult => ({ status: 200, body: { data }, headers: {} });
  const gqlError = (code: string, message: string, reason?: string): GraphQLResult => ({
    status: 200,
    body: { data: null, errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] },
    headers: {},
  });

  before(async () => {
    const handler = createRestFacade({
      client: {
        async execute(call) {
          calls.push(call);
          return respond(call);
        },
      },
      cache: new MemoryCache(),
      logger: pino({ level: 'silent' }),
    });
    server = createServer((req, res) => {
      res.setHeader('x-correlation-id', 'corr-1');
      void handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const send = async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method: 'POST', headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const login = { provider: 'EMAIL', username: 'a@b.co', password: 'pw' };

  it('authenticate passes on only the api_key (and ids), and answers the token payload', async () => {
    calls.length = 0;
    respond = () => ok({ authenticateUser: { tokens, errors: [] } });
    const r = await send('/backoffice/v2/users/authenticate', login, {
      api_key: publicKey,
      authorization: 'Bearer stale',
      'x-dev-principal': 'user',
      'x-dev-tenant': 't1',
      'x-request-id': 'req-1',
      'x-crm-api-family': 'self-service',
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, tokensOut);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.operationName, 'RestAuthenticateUser');
    assert.deepEqual(calls[0]?.variables, { input: { username: 'a@b.co', password: 'pw' } });
    assert.deepEqual(calls[0]?.headers, {
      api_key: publicKey,
      'x-request-id': 'req-1',
      'x-correlation-id': 'corr-1',
      'x-crm-api-family': 'backoffice',
    });
  });

  it('authenticate maps invalid logins to INVALIDLOGINEXCEPTION and lockouts to 429 with Retry-After', async () => {
    respond = () => gqlError('UNAUTHENTICATED', 'the username or password is not correct', 'INVALID_LOGIN');
    const bad = await send('/backoffice/v2/users/authenticate', login, { api_key: publicKey });
    assert.equal(bad.status, 401);
    assert.deepEqual(bad.json, {
      error: 'CRM.EXCEPTIONS.INVALIDLOGINEXCEPTION',
      message: 'the username or password is not correct',
      correlation_id: 'corr-1',
    });
    respond = () => gqlError('RATE_LIMITED', 'too many attempts; try again in 900 seconds', 'TOO_MANY_ATTEMPTS');
    const locked = await send('/backoffice/v2/users/authenticate', login, { api_key: publicKey });
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get('retry-after'), '900');
    assert.equal(locked.json?.['error'], 'CRM.EXCEPTIONS.TOOMANYREQUESTSEXCEPTION');
  });

  it('authenticate refuses bad bodies (400) and a missing api_key (401) without calling the gateway', async () => {
    calls.length = 0;
    const cases: [unknown, number, string?, Record<string, string>?][] = [
      [{ ...login, provider: 'GOOGLE' }, 400, 'provider'],
      [{ ...login, otp: '1' }, 400, 'otp'],
      [{ provider: 'EMAIL', username: 'a@b.co' }, 400, 'password'],
      ['', 400],
      ['[1]', 400],
      [JSON.stringify(login), 415, undefined, { 'content-type': 'text/plain' }],
      [login, 401, undefined, {}],
    ];
    for (const [body, status, field, headers] of cases) {
      const r = await send('/backoffice/v2/users/authenticate', body, headers ?? { api_key: publicKey });
      assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
      assert.match(r.json?.['error'], /^CRM\.EXCEPTIONS\.[A-Z]+$/);
      if (field) assert.equal(r.json?.['field'], field);
    }
    assert.equal((await send('/backoffice/v2/users/authenticate?x=1', login, { api_key: publicKey })).json?.['field'], 'x');
    assert.equal(calls.length, 0);
  });

  it('refresh sends the refresh token as the argument and as the bearer credential (the api_key only when given)', async () => {
    respond = () => ok({ refreshSession: { tokens, errors: [] } });
    const transports: [unknown, Record<string, string>][] = [
      [undefined, { authorization: 'Bearer crm_rt_old' }],
      [{}, { authorization: 'crm_rt_old' }],
      ['{}', { refresh_token: 'crm_rt_old' }],
    ];
    for (const [body, headers] of transports) {
      calls.length = 0;
      const r = await send('/backoffice/v2/users/refresh', body, { ...headers, api_key: publicKey });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, tokensOut);
      assert.deepEqual(calls[0]?.variables, { refreshToken: 'crm_rt_old' });
      assert.equal(calls[0]?.headers['authorization'], 'Bearer crm_rt_old');
      assert.equal(calls[0]?.headers['api_key'], publicKey);
    }
    calls.length = 0;
    const bare = await send('/backoffice/v2/users/refresh', undefined, { authorization: 'Bearer crm_rt_old' });
    assert.equal(bare.status, 200, bare.text);
    const { mode: _mode, ...withoutMode } = tokensOut;
    assert.deepEqual(bare.json, withoutMode, 'no api_key, no mode');
    assert.equal(calls[0]?.headers['api_key'], undefined);
    respond = () => gqlError('UNAUTHENTICATED', 'the refresh token is invalid or expired', 'INVALID_REFRESH_TOKEN');
    assert.equal((await send('/backoffice/v2/users/refresh', undefined, { authorization: 'Bearer crm_rt_old', api_key: publicKey })).status, 401);
  });

  it('refresh refuses a missing token (401) and a body with fields (400) before calling', async () => {
    calls.length = 0;
    const noToken = await send('/backoffice/v2/users/refresh', undefined, { api_key: publicKey });
    assert.equal(noToken.status, 401);
    assert.match(noToken.json?.['message'], /refresh token/);
    const body = await send('/backoffice/v2/users/refresh', { refresh_token: 'crm_rt_old' }, { api_key: publicKey });
    assert.equal(body.status, 400);
    assert.equal(body.json?.['field'], 'refresh_token');
    assert.equal(calls.length, 0);
  });

  it('sign_out verifies the token, checks {id} against its sub, then signs out (204)', async () => {
    const user = { authorization: `Bearer ${tokens.accessToken}` };
    respond = (call) => (call.operationName === 'RestSignOut' ? ok({ signOut: { signedOut: true, errors: [] } }) : ok({ __typename: 'Query' }));
    calls.length = 0;
    const out = await send(`/backoffice/v2/users/${USER_ID.replace(/-/g, '').toUpperCase()}/sign_out`, undefined, user);
    assert.equal(out.status, 204, out.text);
    assert.equal(out.text, '');
    assert.deepEqual(
      calls.map((c) => c.operationName),
      ['RestVerifyCredentials', 'RestSignOut'],
    );
    assert.equal(calls[1]?.headers['authorization'], user.authorization);
    assert.equal(calls[1]?.headers['x-crm-api-family'], 'backoffice');

    calls.length = 0;
    const other = await send('/backoffice/v2/users/11111111-2222-3333-4444-555555555555/sign_out', undefined, user);
    assert.equal(other.status, 403, other.text);
    assert.deepEqual(
      calls.map((c) => c.operationName),
      ['RestVerifyCredentials'],
      'nothing is signed out',
    );

    // a token the gateway refuses is 401 whatever the id
    respond = () => ({ status: 401, body: { errors: [{ message: 'the session has ended', extensions: { code: 'UNAUTHENTICATED' } }] }, headers: {} });
    assert.equal((await send('/backoffice/v2/users/11111111-2222-3333-4444-555555555555/sign_out', undefined, user)).status, 401);
    calls.length = 0;
    assert.equal((await send(`/backoffice/v2/users/${USER_ID}/sign_out`)).status, 401, 'no token');
    assert.equal((await send(`/backoffice/v2/users/${USER_ID}/sign_out`, undefined, { authorization: 'Bearer not-a-jwt' })).status, 401);
    assert.equal((await send(`/backoffice/v2/users/${USER_ID}/sign_out`, { redirect_url: 'x' }, user)).status, 400);
    assert.equal(calls.length, 0);
  });

  it('switch organisation: GUID ids only, 404 for an unknown organisation, tokens otherwise', async () => {
    const user = { authorization: `bearer ${tokens.accessToken}` };
    respond = () => ok({ switchOrganisation: { tokens, errors: [] } });
    calls.length = 0;
    const r = await send(`/backoffice/v2/organisations/switch/${USER_ID.toUpperCase()}`, undefined, { ...user, api_key: publicKey });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, tokensOut);
    assert.deepEqual(calls[0]?.variables, { organisationId: USER_ID });
    assert.equal(calls[0]?.headers['authorization'], `Bearer ${tokens.accessToken}`, 'the token is passed on as Bearer');
    const noKey = await send(`/backoffice/v2/organisations/switch/${USER_ID}`, undefined, user);
    assert.equal(noKey.status, 200);
    assert.equal('mode' in (noKey.json ?? {}), false, 'mode is omitted without an api_key');

    respond = () =>
      ok({
        switchOrganisation: {
          tokens: null,
          errors: [{ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND', field: null, message: 'organisation x was not found' }],
        },
      });
    const missing = await send(`/backoffice/v2/organisations/switch/${USER_ID}`, undefined, user);
    assert.equal(missing.status, 404);
    assert.equal(missing.json?.['error'], 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
    respond = () =>
      ok({
        switchOrganisation: {
          tokens: null,
          errors: [{ code: 'VALIDATION', reason: 'INVALID_ID', field: 'organisationId', message: 'organisationId: must be a UUID' }],
        },
      });
    const invalid = await send(`/backoffice/v2/organisations/switch/${USER_ID}`, undefined, user);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.json?.['field'], 'id');
    assert.equal(invalid.json?.['message'], 'id: must be a UUID');

    calls.length = 0;
    const notGuid = await send('/backoffice/v2/organisations/switch/main-branch', undefined, user);
    assert.equal(notGuid.status, 400);
    assert.equal(notGuid.json?.['field'], 'id');
    assert.equal(
      (await send(`/backoffice/v2/organisations/switch/${USER_ID}`, undefined, { api_key: publicKey })).status,
      401,
      'a user token is required',
    );
    assert.equal(calls.length, 0);
  });

  it('forgot_password answers 204 for any well-formed request, asking identity to send the reset email', async () => {
    calls.length = 0;
    respond = () => ok({ requestUserPasswordReset: { ok: true, errors: [] } });
    const r = await send('/backoffice/v2/users/forgot_password', { email: 'who@ever.example' }, { api_key: publicKey });
    assert.equal(r.status, 204, r.text);
    assert.equal(r.text, '');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.operationName, 'RestRequestUserPasswordReset');
    assert.deepEqual(calls[0]?.variables, { email: 'who@ever.example' });
    calls.length = 0;
    assert.equal((await send('/backoffice/v2/users/forgot_password', { email: 'nope' }, { api_key: publicKey })).json?.['field'], 'email');
    assert.equal((await send('/backoffice/v2/users/forgot_password', { email: 'a@b.co', x: 1 }, { api_key: publicKey })).status, 400);
    assert.equal((await send('/backoffice/v2/users/forgot_password', { email: 'a@b.co' })).status, 401, 'api_key required');
    assert.equal(calls.length, 0, 'bad requests never reach the gateway');
  });

  describe('user reads', () => {
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { 'x-dev-principal': 'user', 'x-dev-tenant': 't1' } });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
    };
    const gqlUser = {
      id: USER_ID,
      email: 'owner@example.com',
      firstName: 'Ann',
      lastName: null,
      status: 'ACTIVE',
      createdAt: '2026-01-01T00:00:10.500Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      roles: [{ id: 'r1', name: 'owner' }],
      teams: [{ id: 't1', name: 'Ops' }],
    };
    const restUser = {
      id: USER_ID,
      email: 'owner@example.com',
      first_name: 'Ann',
      status: 'ACTIVE',
      roles: [{ id: 'r1', name: 'owner' }],
      teams: [{ id: 't1', name: 'Ops' }],
      created_date: 1_767_225_610,
      updated_date: 1_767_312_000,
    };

    it('GET /users pages with first/offset and asks one past the page for has_more', async () => {
      calls.length = 0;
      respond = () => ok({ users: [gqlUser], next: [] });
      const r = await get('/backoffice/v2/users?page=3&size=5');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { paging: { page: 3, size: 5, has_more: false }, content: [restUser] });
      assert.equal(calls[0]?.operationName, 'RestListUsers');
      assert.deepEqual(calls[0]?.variables, { first: 5, offset: 10, nextOffset: 15, teamIds: null, roleIds: null });
      respond = () => ok({ users: [gqlUser], next: [{ id: 'x' }] });
      const more = await get('/backoffice/v2/users');
      assert.deepEqual(more.json?.['paging'], { page: 1, size: 10, has_more: true });
    });

    it('GET /users refuses unknown, repeated and out-of-range parameters without calling the gateway', async () => {
      calls.length = 0;
      for (const [q, field] of [
        ['teams=a', 'teams'],
        ['include_total=true', 'include_total'],
        ['page=1&page=2', 'page'],
        ['size=101', 'size'],
        ['page=0', 'page'],
        ['page=1001&size=100', 'page'],
      ] as const) {
        const r = await get(`/backoffice/v2/users?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.json?.['field'], field, q);
      }
      assert.equal(calls.length, 0);
    });

    it('GET /users/{id} answers the user, 404 for none or a non-GUID, and maps FORBIDDEN to 403', async () => {
      calls.length = 0;
      respond = () => ok({ user: gqlUser });
      const r = await get(`/backoffice/v2/users/${USER_ID.toUpperCase()}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, restUser);
      assert.deepEqual(calls[0]?.variables, { id: USER_ID });
      respond = () => ok({ user: null });
      const none = await get(`/backoffice/v2/users/${USER_ID}`);
      assert.equal(none.status, 404);
      assert.equal(none.json?.['error'], 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION');
      calls.length = 0;
      assert.equal((await get('/backoffice/v2/users/not-a-guid')).status, 404);
      assert.equal(calls.length, 0);
      respond = () => gqlError('FORBIDDEN', 'missing permission users.read', 'PERMISSION_DENIED');
      assert.equal((await get(`/backoffice/v2/users/${USER_ID}`)).status, 403);
      respond = () => gqlError('UNAUTHENTICATED', 'credentials required', 'CREDENTIALS_REQUIRED');
      assert.equal((await get('/backoffice/v2/users')).status, 401);
    });

    it('GET /user_roles lists the roles; query parameters are refused', async () => {
      respond = () => ok({ roles: [{ id: 'r1', name: 'owner', permissions: ['users.read'], builtIn: true }] });
      const r = await get('/backoffice/v2/user_roles');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { content: [{ id: 'r1', name: 'owner', permissions: ['users.read'], is_built_in: true }] });
      assert.equal((await get('/backoffice/v2/user_roles?size=5')).status, 400);
    });
  });

  it('answers other methods with 405', async () => {
    const r = await fetch(`${base}/backoffice/v2/users/authenticate`);
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'POST');
  });
});
