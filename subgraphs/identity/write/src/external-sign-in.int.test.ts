import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import Redis from 'ioredis';
import type Provider from 'oidc-provider' with { 'resolution-mode': 'import' };
import { InMemoryBus, registry } from '@crm/event-bus';
import { signPrincipal, PRINCIPAL_HEADER, type Principal } from '@crm/platform/auth';
import { CLIENT_IP_HEADER } from '@crm/platform/graphql';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from './env';
import { startIdentityWrite, type IdentityWriteService } from './service';
import type { TenantCredentials } from './application/tenants/create-tenant';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const REDIRECT = 'https://app.acme.test/oidc/callback';
const CLIENT = { id: 'crm-app', secret: randomBytes(24).toString('hex') };
const OTHER_CLIENT = { id: 'other-app', secret: randomBytes(24).toString('hex') };
const FB_APP = { id: '1234567890', secret: randomBytes(16).toString('hex') };

type Data = Record<string, any>;
type Gql = { data?: Data | null; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
/** A client address of this run: the Redis-backed limiters keep counting across runs. */
const randomIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0]! % 250).join('.')}`;
const LOGIN_MAX_FAILURES = 3;
interface Account {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const basic = (c: { id: string; secret: string }) =>
  `Basic ${Buffer.from(`${encodeURIComponent(c.id)}:${encodeURIComponent(c.secret)}`).toString('base64')}`;
const jwtPayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe(`external sign-in: OIDC and Facebook (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const internalSecret = randomBytes(32).toString('hex');
  const accounts = new Map<string, Account>();
  let currentAccount = '';
  let db: TestDatabase;
  let bus: InMemoryBus;
  let service: IdentityWriteService;
  let tenant: TenantCredentials;
  let provider: Provider;
  let idp: http.Server;
  let issuer = '';
  let proxy: http.Server;
  let fb: http.Server;
  let fbUrl = '';
  let redis: Redis | undefined;
  const defaultIp = randomIp();

  const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await service.dataSource.query(sql, params)) as T[];
  const anonymous = (): Principal => ({ tenantId: tenant.tenantId, kind: 'anonymous', subjectId: null, permissions: [] });

  async function gql(query: string, variables: Record<string, unknown> = {}, principal: Principal = anonymous(), ip = defaultIp): Promise<Gql> {
    const res = await fetch(`${service.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(principal, internalSecret), [CLIENT_IP_HEADER]: ip },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Gql;
  }

  const START = `mutation($t: String!, $r: String!) { oidcAuthorizationUrl(type: $t, redirectUrl: $r) { authorizationUrl errors { code reason field } } }`;
  const AUTH = `mutation($i: AuthenticateContactExternalInput!) { authenticateContactExternal(input: $i) { contactId isVerified consistencyToken tokens { accessToken refreshToken } errors { code reason } } }`;

  async function startOidc(type = 'acme', principal: Principal = anonymous()): Promise<URL> {
    const res = await gql(START, { t: type, r: REDIRECT }, principal);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const url = res.data?.['oidcAuthorizationUrl']?.['authorizationUrl'] as string;
    assert.ok(url, JSON.stringify(res.data));
    return new URL(url);
  }

  /** Drives the provider's authorization endpoint as `accountId` (auto-approved) and returns the redirect back to us. */
  async function authorize(url: URL, accountId: string): Promise<{ code: string; state: string; iss: string | null }> {
    currentAccount = accountId;
    const jar = new Map<string, string>();
    let next = url;
    for (let i = 0; i < 10; i++) {
      const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0] ?? '';
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      const location = res.headers.get('location');
      assert.ok(location, `expected a redirect from ${next.pathname}, got ${res.status}: ${await res.text()}`);
      next = new URL(location, next);
      if (next.href.startsWith(REDIRECT)) {
        const code = next.searchParams.get('code');
        assert.ok(code, `no code: ${next.href}`);
        return { code, state: next.searchParams.get('state') ?? '', iss: next.searchParams.get('iss') };
      }
    }
    throw new Error('too many redirects');
  }

  const authenticate = (input: Record<string, unknown>, principal: Principal = anonymous(), ip = defaultIp) =>
    gql(AUTH, { i: { code: null, state: null, token: null, applicationId: null, ...input } }, principal, ip);
  const identitiesOf = (provider: string) =>
    q<{ contact_id: string; subject: string }>(`SELECT contact_id, subject FROM contact_identities WHERE tenant_id = $1 AND provider = $2`, [
      tenant.tenantId,
      provider,
    ]);

  before(async () => {
    // the OIDC provider: real oidc-provider on loopback, interactions auto-approved for `currentAccount`
    idp = http.createServer((req, res) => {
      if (req.url?.startsWith('/interaction/')) {
        void (async () => {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({ accountId: currentAccount, clientId: String(details.params['client_id']) });
          grant.addOIDCScope('openid email profile');
          const grantId = await grant.save();
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: currentAccount }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        })().catch((err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        });
        return;
      }
      void provider.callback()(req, res);
    });
    issuer = await listen(idp);
    const { default: OidcProvider } = await import('oidc-provider');
    provider = new OidcProvider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
        {
          client_id: OTHER_CLIENT.id,
          client_secret: OTHER_CLIENT.secret,
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      cookies: { keys: [randomBytes(16).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const account = accounts.get(sub);
        return account ? { accountId: sub, claims: () => ({ ...account }) } : undefined;
      },
    });

    // a man in the middle of the token endpoint: it redeems the code as another client, so the ID token's aud is not ours
    proxy = http.createServer((req, res) => {
      void (async () => {
        const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
        if (req.url === '/.well-known/openid-configuration') {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ...discovery, token_endpoint: `${proxyUrl}/token` }));
          return;
        }
        const body = await readBody(req);
        const upstream = await fetch(String(discovery['token_endpoint']), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(OTHER_CLIENT) },
          body,
        });
        res.statusCode = upstream.status;
        res.setHeader('content-type', 'application/json');
        res.end(await upstream.text());
      })().catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    const proxyUrl = await listen(proxy);

    // a stand-in for the Facebook Graph API
    const fbTokens: Record<string, { app_id: string; is_valid: boolean; expires_at: number; user: { id: string; name: string; email: string } }> = {
      'fb-good': {
        app_id: FB_APP.id,
        is_valid: true,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        user: { id: '1001', name: 'Fay Book', email: 'fay@fb.test' },
      },
      'fb-invalid': {
        app_id: FB_APP.id,
        is_valid: false,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        user: { id: '1002', name: 'In Valid', email: 'x@fb.test' },
      },
      'fb-other-app': {
        app_id: '999',
        is_valid: true,
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        user: { id: '1003', name: 'Other App', email: 'y@fb.test' },
      },
      'fb-expired': {
        app_id: FB_APP.id,
        is_valid: true,
        expires_at: Math.floor(Date.now() / 1000) - 60,
        user: { id: '1004', name: 'Ex Pired', email: 'z@fb.test' },
      },
    };
    fb = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fb');
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/v19.0/debug_token') {
        if (url.searchParams.get('access_token') !== `${FB_APP.id}|${FB_APP.secret}`) {
          res.statusCode = 400;
          res.end(JSON.stringify({ error: { message: 'bad app token' } }));
          return;
        }
        const t = fbTokens[url.searchParams.get('input_token') ?? ''];
        res.end(
          JSON.stringify({
            data: t
              ? { app_id: t.app_id, is_valid: t.is_valid, expires_at: t.expires_at, user_id: t.user.id }
              : { app_id: FB_APP.id, is_valid: false },
          }),
        );
        return;
      }
      if (url.pathname === '/v19.0/me') {
        const t = fbTokens[url.searchParams.get('access_token') ?? ''];
        res.statusCode = t ? 200 : 400;
        res.end(JSON.stringify(t ? t.user : { error: {} }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
    fbUrl = await listen(fb);

    db = await createTestDatabase(backends.databaseUrl, 'identity_external');
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: internalSecret,
      IDENTITY_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
      // the tenants' own providers below are the loopback IdP and Facebook stand-in
      IDENTITY_PROVIDERS_ALLOW_LOOPBACK: 'true',
      IDENTITY_PROVIDERS: JSON.stringify({
        '*': {
          oidc: {
            acme: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUris: [REDIRECT] },
            mitm: { issuer: proxyUrl, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUris: [REDIRECT] },
          },
          facebook: { appId: FB_APP.id, appSecret: FB_APP.secret, graphBaseUrl: `${fbUrl}/v19.0` },
        },
      }),
    });
    bus = new InMemoryBus(registry, logger);
    redis = backends.redisUrl ? new Redis(backends.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
    if (redis && redis.status !== 'ready') await new Promise((resolve) => redis!.once('ready', resolve));
    service = await startIdentityWrite(config, { bus, logger, inMemoryDb: !db.url, redis });
    tenant = await service.createTenant({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: 'Owner-password-1',
      applicationName: 'Acme app',
    });
    accounts.set('alice', { sub: 'alice', email: 'alice@idp.test', email_verified: true, given_name: 'Alice', family_name: 'Idp' });
    accounts.set('mallory', { sub: 'mallory', email: 'victim@acme.test', email_verified: false, given_name: 'Mal', family_name: 'Lory' });
    accounts.set('vera', { sub: 'vera', email: 'victim@acme.test', email_verified: true, given_name: 'Vera', family_name: 'Fied' });
  });

  after(async () => {
    await service?.stop();
    await bus?.close();
    await db?.drop();
    redis?.disconnect();
    for (const s of [idp, proxy, fb]) s?.closeAllConnections();
    await Promise.all([idp, proxy, fb].map((s) => (s ? new Promise((r) => s.close(r)) : null)));
  });

  describe('OIDC', () => {
    it('refuses an unknown type and an unregistered redirect URL', async () => {
      const unknown = await gql(START, { t: 'nope', r: REDIRECT });
      assert.equal(unknown.data?.['oidcAuthorizationUrl']?.['errors']?.[0]?.['reason'], 'UNKNOWN_PROVIDER');
      const redirect = await gql(START, { t: 'acme', r: 'https://evil.test/callback' });
      assert.equal(redirect.data?.['oidcAuthorizationUrl']?.['errors']?.[0]?.['reason'], 'INVALID_REDIRECT_URL');
    });

    it('the authorization URL carries state, nonce and an S256 code challenge', async () => {
      const url = await startOidc();
      assert.equal(url.origin, issuer);
      assert.equal(url.searchParams.get('client_id'), CLIENT.id);
      assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      for (const p of ['state', 'nonce', 'code_challenge']) assert.ok(url.searchParams.get(p), p);
    });

    let aliceContact = '';
    it('a valid code registers the contact once and returns our tokens', async () => {
      const { code, state } = await authorize(await startOidc(), 'alice');
      const res = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const payload = res.data?.['authenticateContactExternal'] as Data;
      assert.deepEqual(payload['errors'], []);
      const access = jwtPayload(payload['tokens']['accessToken'] as string);
      assert.equal(access['iss'], 'crm-platform');
      assert.equal(access['aud'], 'crm-self-service');
      assert.equal(access['sub'], payload['contactId']);
      aliceContact = payload['contactId'] as string;
      assert.deepEqual(await identitiesOf('OIDC_OAUTH:acme'), [{ contact_id: aliceContact, subject: 'alice' }]);
      const [event] = (
        await q<{ payload: any }>(
          `SELECT payload FROM outbox WHERE payload->>'type' = 'contact_identity.registered' AND payload->'data'->>'contactId' = $1`,
          [aliceContact],
        )
      ).map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
      assert.equal(event.data.provider, 'OIDC_OAUTH');
      assert.equal(event.data.email, 'alice@idp.test');
      assert.equal(event.data.firstName, 'Alice');

      // a second sign-in finds the same contact, registers nothing
      const again = await authorize(await startOidc(), 'alice');
      const second = (await authenticate({ provider: 'OIDC_OAUTH', ...again })).data?.['authenticateContactExternal'] as Data;
      assert.equal(second['contactId'], aliceContact);
      assert.equal((await identitiesOf('OIDC_OAUTH:acme')).length, 1);
    });

    it('a wrong state is refused', async () => {
      const { code } = await authorize(await startOidc(), 'alice');
      const res = await authenticate({ provider: 'OIDC_OAUTH', code, state: randomBytes(32).toString('base64url') });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(res.errors?.[0]?.extensions?.reason, 'INVALID_STATE');
    });

    it('a state is single use', async () => {
      const { code, state } = await authorize(await startOidc(), 'alice');
      const first = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      assert.equal(first.errors, undefined, JSON.stringify(first.errors));
      const replay = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      assert.equal(replay.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(replay.errors?.[0]?.extensions?.reason, 'INVALID_STATE');
    });

    it('an OIDC state cannot finish a GOOGLE sign-in', async () => {
      const { code, state } = await authorize(await startOidc(), 'alice');
      const res = await authenticate({ provider: 'GOOGLE', code, state });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    });

    it('a code issued to another client is refused', async () => {
      const url = await startOidc();
      url.searchParams.set('client_id', OTHER_CLIENT.id);
      const { code, state } = await authorize(url, 'alice');
      const res = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    });

    it('an ID token whose aud is another client is refused', async () => {
      const before = (await identitiesOf('OIDC_OAUTH:mitm')).length;
      const url = await startOidc('mitm');
      url.searchParams.set('client_id', OTHER_CLIENT.id);
      const { code, state } = await authorize(url, 'alice');
      const res = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(res));
      assert.equal((await identitiesOf('OIDC_OAUTH:mitm')).length, before);
    });

    let victim = '';
    it('email_verified=false never links to an existing EMAIL identity', async () => {
      const reg = await gql(`mutation($i: RegisterContactInput!) { registerContact(input: $i) { contactId errors { code } } }`, {
        i: { firstName: 'Vic', lastName: 'Tim', provider: 'EMAIL', email: 'victim@acme.test', password: 'Victim-password-1' },
      });
      victim = reg.data?.['registerContact']?.['contactId'] as string;
      assert.ok(victim, JSON.stringify(reg));
      await q(`UPDATE contact_identities SET verified_at = now() WHERE tenant_id = $1 AND contact_id = $2`, [tenant.tenantId, victim]);
      const { code, state } = await authorize(await startOidc(), 'mallory');
      const res = await authenticate({ provider: 'OIDC_OAUTH', code, state });
      const payload = res.data?.['authenticateContactExternal'] as Data;
      assert.ok(payload['contactId']);
      assert.notEqual(payload['contactId'], victim);
      const [event] = (
        await q<{ payload: any }>(
          `SELECT payload FROM outbox WHERE payload->>'type' = 'contact_identity.registered' AND payload->'data'->>'contactId' = $1`,
          [payload['contactId']],
        )
      ).map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
      assert.equal(event.data.email, null, 'an unverified email is not given to the contact');
    });

    it('email_verified=true links to the verified EMAIL identity', async () => {
      const { code, state } = await authorize(await startOidc(), 'vera');
      const payload = (await authenticate({ provider: 'OIDC_OAUTH', code, state })).data?.['authenticateContactExternal'] as Data;
      assert.equal(payload['contactId'], victim);
      assert.deepEqual((await identitiesOf('OIDC_OAUTH:acme')).find((r) => r.subject === 'vera')?.contact_id, victim);
    });
  });

  describe('Facebook', () => {
    it('a valid user access token registers the contact and returns tokens', async () => {
      const res = await authenticate({ provider: 'FACEBOOK', token: 'fb-good', applicationId: FB_APP.id });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const payload = res.data?.['authenticateContactExternal'] as Data;
      const access = jwtPayload(payload['tokens']['accessToken'] as string);
      assert.equal(access['aud'], 'crm-self-service');
      assert.deepEqual(await identitiesOf('FACEBOOK'), [{ contact_id: payload['contactId'], subject: '1001' }]);
      const again = (await authenticate({ provider: 'FACEBOOK', token: 'fb-good' })).data?.['authenticateContactExternal'] as Data;
      assert.equal(again['contactId'], payload['contactId']);
    });

    for (const [name, token, applicationId] of [
      ['is_valid:false', 'fb-invalid', FB_APP.id],
      ['another app', 'fb-other-app', FB_APP.id],
      ['expired', 'fb-expired', FB_APP.id],
      ['unknown token', 'fb-unknown', FB_APP.id],
      ['another application_id', 'fb-good', '999'],
    ] as const) {
      it(`refuses a token: ${name}`, async () => {
        const before = (await q(`SELECT 1 FROM contact_identities`)).length;
        const res = await authenticate({ provider: 'FACEBOOK', token, applicationId });
        assert.equal(res.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(res));
        assert.equal((await q(`SELECT 1 FROM contact_identities`)).length, before, 'nothing created');
      });
    }
  });
  describe('providers configured through the API (security.manage)', () => {
    /** A tenant that manages its own providers; `tenant` keeps the env defaults. */
    let other: TenantCredentials;
    let adminId = '';
    const admin = (tenantId = other.tenantId, permissions = ['security.manage']): Principal => ({
      tenantId,
      kind: 'user',
      subjectId: adminId,
      permissions,
    });
    const guest = (): Principal => ({ tenantId: other.tenantId, kind: 'anonymous', subjectId: null, permissions: [] });
    const CONFIGURE_OIDC = `mutation($t: String!, $i: ConfigureOidcProviderInput!) { configureOidcProvider(type: $t, input: $i) { provider { id kind type issuer clientId redirectUris scopes hasSecret version } errors { code reason field message } } }`;
    const CONFIGURE_FB = `mutation($i: ConfigureFacebookProviderInput!) { configureFacebookProvider(input: $i) { provider { id kind type graphBaseUrl clientId hasSecret } errors { code reason field message } } }`;
    const REMOVE = `mutation($k: IdentityProviderKind!, $t: String) { removeIdentityProvider(kind: $k, type: $t) { removed errors { code reason field } } }`;
    const oidcInput = (over: Record<string, unknown> = {}) => ({
      issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUris: [REDIRECT],
      ...over,
    });
    /** Everything a refused configuration must leave alone. */
    const snapshot = async () =>
      JSON.stringify([await q(`SELECT * FROM identity_providers ORDER BY id`), await q(`SELECT count(*)::int AS n FROM outbox`)]);
    const reasonOf = (res: Gql, field: string) =>
      (res.data?.[field]?.['errors']?.[0] as { reason?: string; field?: string; code?: string } | undefined) ?? null;

    /** An issuer whose discovery document sends the key fetch to the cloud metadata address. */
    let sneaky: http.Server;
    let sneakyUrl = '';
    after(async () => {
      sneaky?.closeAllConnections();
      await new Promise((r) => sneaky?.close(r));
    });

    before(async () => {
      sneaky = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer: sneakyUrl,
            authorization_endpoint: `${sneakyUrl}/auth`,
            token_endpoint: `${sneakyUrl}/token`,
            jwks_uri: 'https://169.254.169.254/latest/jwks',
          }),
        );
      });
      sneakyUrl = await listen(sneaky);
      other = await service.createTenant({
        name: 'Other',
        ownerEmail: 'owner@other.test',
        ownerPassword: 'Owner-password-1',
        applicationName: 'Other app',
      });
      [{ id: adminId }] = (await q<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1`, [other.tenantId])) as [{ id: string }];
      accounts.set('olga', { sub: 'olga', email: 'olga@idp.test', email_verified: true, given_name: 'Olga', family_name: 'Corp' });
    });

    it('an owner configures an OIDC provider, contacts sign in with it, and its secret is sealed and never answered', async () => {
      const res = await gql(CONFIGURE_OIDC, { t: 'corp', i: oidcInput() }, admin());
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const payload = res.data?.['configureOidcProvider'] as Data;
      assert.deepEqual(payload['errors'], []);
      assert.deepEqual(
        { ...payload['provider'], id: null },
        { id: null, kind: 'OIDC', type: 'corp', issuer, clientId: CLIENT.id, redirectUris: [REDIRECT], scopes: null, hasSecret: true, version: 1 },
      );

      const { code, state } = await authorize(await startOidc('corp', guest()), 'olga');
      const signed = await authenticate({ provider: 'OIDC_OAUTH', code, state }, guest());
      assert.equal(signed.errors, undefined, JSON.stringify(signed.errors));
      const contactId = signed.data?.['authenticateContactExternal']?.['contactId'] as string;
      assert.ok(contactId);
      assert.deepEqual(
        await q(`SELECT contact_id FROM contact_identities WHERE tenant_id = $1 AND provider = 'OIDC_OAUTH:corp' AND subject = 'olga'`, [
          other.tenantId,
        ]),
        [{ contact_id: contactId }],
      );

      // at rest: the settings hold no secret, the sealed secret is ciphertext
      const [row] = await q<{ settings: string; sealed_secret: string }>(
        `SELECT settings::text AS settings, sealed_secret FROM identity_providers WHERE tenant_id = $1 AND type = 'corp'`,
        [other.tenantId],
      );
      assert.ok(row && !row.settings.includes(CLIENT.secret) && !row.sealed_secret.includes(CLIENT.secret));
      assert.match(row.sealed_secret, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      // nor in any event
      const events = await q<{ p: string }>(`SELECT payload::text AS p FROM outbox WHERE payload->>'type' = 'identity_provider.configured'`);
      assert.equal(events.length, 1);
      assert.ok(!events[0]!.p.includes(CLIENT.secret));
      // and no API field answers it
      const probe = await gql(
        `mutation($t: String!, $i: ConfigureOidcProviderInput!) { configureOidcProvider(type: $t, input: $i) { provider { clientSecret } } }`,
        { t: 'corp', i: oidcInput() },
        admin(),
      );
      assert.ok(probe.errors?.length, JSON.stringify(probe));
      assert.ok(!JSON.stringify(probe).includes(CLIENT.secret));
    });

    it("a tenant's own providers replace the env defaults; other tenants neither see nor touch them", async () => {
      assert.equal(reasonOf(await gql(START, { t: 'acme', r: REDIRECT }, guest()), 'oidcAuthorizationUrl')?.reason, 'UNKNOWN_PROVIDER');
      assert.equal(reasonOf(await gql(START, { t: 'corp', r: REDIRECT }), 'oidcAuthorizationUrl')?.reason, 'UNKNOWN_PROVIDER');
      assert.equal((await startOidc('acme')).searchParams.get('client_id'), CLIENT.id, 'the env default still serves the other tenant');
      const before = await snapshot();
      const removal = await gql(REMOVE, { k: 'OIDC', t: 'corp' }, admin(tenant.tenantId));
      assert.equal(reasonOf(removal, 'removeIdentityProvider')?.reason, 'PROVIDER_NOT_FOUND');
      assert.equal(await snapshot(), before);
    });

    it('callers without security.manage are refused and nothing changes', async () => {
      const before = await snapshot();
      const callers: Principal[] = [
        admin(other.tenantId, ['users.manage', 'keys.manage', 'roles.manage', 'contacts.write']),
        { tenantId: other.tenantId, kind: 'contact', subjectId: randomUUID(), permissions: [] },
        guest(),
      ];
      for (const caller of callers) {
        for (const [query, variables] of [
          [CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ clientId: 'hijack' }) }],
          [CONFIGURE_FB, { i: { appId: FB_APP.id, appSecret: 'x', graphBaseUrl: `${fbUrl}/v19.0` } }],
          [REMOVE, { k: 'OIDC', t: 'corp' }],
        ] as const) {
          const res = await gql(query, variables, caller);
          assert.ok(['FORBIDDEN', 'UNAUTHENTICATED'].includes(res.errors?.[0]?.extensions?.code ?? ''), `${caller.kind}: ${JSON.stringify(res)}`);
        }
      }
      assert.equal(await snapshot(), before);
    });

    it('bad input is refused naming the field, and nothing changes', async () => {
      const before = await snapshot();
      const cases: [string, string, Record<string, unknown>, string, string][] = [
        ['issuer not a URL', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ issuer: 'not a url' }) }, 'input.issuer', 'INVALID_VALUE'],
        [
          'plain http to a public host',
          CONFIGURE_OIDC,
          { t: 'corp', i: oidcInput({ issuer: 'http://idp.example.com' }) },
          'input.issuer',
          'INSECURE_URL',
        ],
        [
          'the metadata address',
          CONFIGURE_OIDC,
          { t: 'corp', i: oidcInput({ issuer: 'https://169.254.169.254/latest' }) },
          'input.issuer',
          'FORBIDDEN_ADDRESS',
        ],
        ['a private address', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ issuer: 'https://10.0.0.5' }) }, 'input.issuer', 'FORBIDDEN_ADDRESS'],
        [
          'discovery pointing inside the network',
          CONFIGURE_OIDC,
          { t: 'corp', i: oidcInput({ issuer: sneakyUrl }) },
          'input.issuer',
          'FORBIDDEN_ADDRESS',
        ],
        [
          'an issuer without discovery',
          CONFIGURE_OIDC,
          { t: 'corp', i: oidcInput({ issuer: `${issuer}/not-an-issuer` }) },
          'input.issuer',
          'ISSUER_NOT_DISCOVERABLE',
        ],
        ['a bad type', CONFIGURE_OIDC, { t: 'Corp!', i: oidcInput() }, 'type', 'INVALID_PROVIDER_TYPE'],
        ['a huge client id', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ clientId: 'x'.repeat(5000) }) }, 'input.clientId', 'INVALID_VALUE'],
        ['a huge secret', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ clientSecret: 's'.repeat(5000) }) }, 'input.clientSecret', 'INVALID_VALUE'],
        [
          'too many redirect URLs',
          CONFIGURE_OIDC,
          { t: 'corp', i: oidcInput({ redirectUris: Array.from({ length: 21 }, (_, n) => `${REDIRECT}/${n}`) }) },
          'input.redirectUris',
          'INVALID_VALUE',
        ],
        ['no redirect URL', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ redirectUris: [] }) }, 'input.redirectUris', 'INVALID_VALUE'],
        ['a bad scope', CONFIGURE_OIDC, { t: 'corp', i: oidcInput({ scopes: ['open id'] }) }, 'input.scopes.0', 'INVALID_VALUE'],
        [
          'Facebook over plain http',
          CONFIGURE_FB,
          { i: { appId: FB_APP.id, appSecret: 'x', graphBaseUrl: 'http://graph.example.com/v19.0' } },
          'input.graphBaseUrl',
          'INSECURE_URL',
        ],
        [
          'a bad app id',
          CONFIGURE_FB,
          { i: { appId: 'not an id!', appSecret: 'x', graphBaseUrl: `${fbUrl}/v19.0` } },
          'input.appId',
          'INVALID_VALUE',
        ],
        ['removing OIDC without a type', REMOVE, { k: 'OIDC', t: null }, 'type', 'INVALID_PROVIDER_TYPE'],
      ];
      for (const [name, query, variables, field, reason] of cases) {
        const res = await gql(query, variables, admin());
        assert.equal(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
        const payload = Object.values(res.data ?? {})[0] as Data;
        assert.deepEqual(
          { code: payload['errors']?.[0]?.code, field: payload['errors']?.[0]?.field, reason: payload['errors']?.[0]?.reason },
          { code: 'VALIDATION', field, reason },
          name,
        );
      }
      // mass assignment and unknown kinds never reach the resolver
      for (const [name, query, variables] of [
        ['tenantId in the input', CONFIGURE_OIDC, { t: 'corp', i: { ...oidcInput({ clientId: 'hijack' }), tenantId: tenant.tenantId } }],
        ['hasSecret in the input', CONFIGURE_OIDC, { t: 'corp', i: { ...oidcInput({ clientId: 'hijack' }), hasSecret: false } }],
        [
          'id and version in the input',
          CONFIGURE_FB,
          { i: { appId: FB_APP.id, appSecret: 'x', graphBaseUrl: `${fbUrl}/v19.0`, id: randomUUID(), version: 9 } },
        ],
        ['an unknown kind', REMOVE, { k: 'SAML', t: 'corp' }],
      ] as const) {
        const res = await gql(query, variables, admin());
        assert.ok(res.errors?.length && !res.data, `${name}: ${JSON.stringify(res)}`);
      }
      assert.equal(await snapshot(), before);
    });

    it('reconfiguring takes effect at once; removing makes sign-in fail with a clear error', async () => {
      const changed = await gql(
        CONFIGURE_OIDC,
        { t: 'corp', i: oidcInput({ clientId: OTHER_CLIENT.id, clientSecret: OTHER_CLIENT.secret }) },
        admin(),
      );
      assert.equal(changed.data?.['configureOidcProvider']?.['provider']?.['version'], 2, JSON.stringify(changed));
      assert.equal((await startOidc('corp', guest())).searchParams.get('client_id'), OTHER_CLIENT.id, 'the cached client was dropped');
      await gql(CONFIGURE_OIDC, { t: 'corp', i: oidcInput() }, admin());
      const pending = await authorize(await startOidc('corp', guest()), 'olga');

      const removed = await gql(REMOVE, { k: 'OIDC', t: 'corp' }, admin());
      assert.deepEqual(removed.data?.['removeIdentityProvider'], { removed: true, errors: [] });
      const [row] = await q<{ settings: unknown; sealed_secret: unknown }>(
        `SELECT settings, sealed_secret FROM identity_providers WHERE tenant_id = $1 AND type = 'corp'`,
        [other.tenantId],
      );
      assert.deepEqual(row, { settings: null, sealed_secret: null }, 'the sealed secret is erased');

      const late = await authenticate({ provider: 'OIDC_OAUTH', ...pending }, guest());
      assert.deepEqual(late.data?.['authenticateContactExternal']?.['tokens'], null);
      assert.equal(reasonOf(late, 'authenticateContactExternal')?.reason, 'UNKNOWN_PROVIDER');
      assert.equal(reasonOf(await gql(START, { t: 'corp', r: REDIRECT }, guest()), 'oidcAuthorizationUrl')?.reason, 'UNKNOWN_PROVIDER');
      // the env default does not come back for a tenant that manages its providers
      assert.equal(reasonOf(await gql(START, { t: 'acme', r: REDIRECT }, guest()), 'oidcAuthorizationUrl')?.reason, 'UNKNOWN_PROVIDER');
      assert.equal(reasonOf(await gql(REMOVE, { k: 'OIDC', t: 'corp' }, admin()), 'removeIdentityProvider')?.reason, 'PROVIDER_NOT_FOUND');
      const [event] = await q<{ p: any }>(`SELECT payload AS p FROM outbox WHERE payload->>'type' = 'identity_provider.removed'`);
      const removedEvent = typeof event!.p === 'string' ? JSON.parse(event!.p) : event!.p;
      assert.deepEqual([removedEvent.aggregateVersion, removedEvent.data], [4, { kind: 'OIDC', type: 'corp' }]);
    });

    it('a Facebook app configured through the API signs contacts in; concurrent first sign-ins make one contact', async () => {
      const res = await gql(CONFIGURE_FB, { i: { appId: FB_APP.id, appSecret: FB_APP.secret, graphBaseUrl: `${fbUrl}/v19.0` } }, admin());
      assert.deepEqual(
        { ...res.data?.['configureFacebookProvider']?.['provider'], id: null },
        { id: null, kind: 'FACEBOOK', type: 'facebook', graphBaseUrl: `${fbUrl}/v19.0`, clientId: FB_APP.id, hasSecret: true },
        JSON.stringify(res),
      );

      // eight first sign-ins of one Facebook user at once: one identity, one contact, one registration
      const results = await Promise.all(
        Array.from({ length: 8 }, () => authenticate({ provider: 'FACEBOOK', token: 'fb-good', applicationId: FB_APP.id }, guest())),
      );
      for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
      const contacts = new Set(results.map((r) => r.data?.['authenticateContactExternal']?.['contactId'] as string));
      assert.equal(contacts.size, 1, [...contacts].join(','));
      const [contactId] = [...contacts];
      assert.deepEqual(await q(`SELECT contact_id FROM contact_identities WHERE tenant_id = $1 AND provider = 'FACEBOOK'`, [other.tenantId]), [
        { contact_id: contactId },
      ]);
      const registered = await q(
        `SELECT 1 FROM outbox WHERE payload->>'type' = 'contact_identity.registered' AND payload->>'tenantId' = $1 AND payload->'data'->>'provider' = 'FACEBOOK'`,
        [other.tenantId],
      );
      assert.equal(registered.length, 1);
      for (const r of results) assert.ok(r.data?.['authenticateContactExternal']?.['tokens']?.['accessToken']);
    });

    it('refused sign-ins from one address are limited to the configured number, then answered with the wait', async () => {
      const ip = randomIp();
      const limit = LOGIN_MAX_FAILURES * 20;
      for (let i = 0; i < limit; i++) {
        const res = await authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: randomBytes(24).toString('base64url') }, guest(), ip);
        assert.equal(res.errors?.[0]?.extensions?.reason, 'INVALID_STATE', `attempt ${i + 1}: ${JSON.stringify(res)}`);
      }
      const limited = await authenticate({ provider: 'OIDC_OAUTH', code: 'c', state: randomBytes(24).toString('base64url') }, guest(), ip);
      assert.equal(limited.errors?.[0]?.extensions?.code, 'RATE_LIMITED', JSON.stringify(limited));
      const wait = Number(/try again in (\d+) seconds/.exec(limited.errors?.[0]?.message ?? '')?.[1]);
      assert.ok(wait >= 1, limited.errors?.[0]?.message);
      // even a good sign-in, or starting one, from that address waits; another address does not
      const good = { provider: 'FACEBOOK', token: 'fb-good', applicationId: FB_APP.id };
      assert.equal((await authenticate(good, guest(), ip)).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      assert.equal((await gql(START, { t: 'acme', r: REDIRECT }, anonymous(), ip)).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      const elsewhere = await authenticate(good, guest(), randomIp());
      assert.equal(elsewhere.errors, undefined, JSON.stringify(elsewhere.errors));
    });

    it('refused sign-ins of one provider subject are limited too, from whatever address', async () => {
      // the provider can be configured again after its removal
      const again = await gql(CONFIGURE_OIDC, { t: 'corp', i: oidcInput() }, admin());
      assert.equal(again.data?.['configureOidcProvider']?.['provider']?.['version'], 5, JSON.stringify(again));
      // the provider vouches for sam's email, but a contact pre-registered it without verifying it
      accounts.set('sam', { sub: 'sam', email: 'sam@other.test', email_verified: true, given_name: 'Sam', family_name: 'Pre' });
      const reg = await gql(
        `mutation($i: RegisterContactInput!) { registerContact(input: $i) { contactId errors { code } } }`,
        { i: { firstName: 'Pre', lastName: 'Registered', provider: 'EMAIL', email: 'sam@other.test', password: 'Sam-password-123' } },
        guest(),
      );
      assert.ok(reg.data?.['registerContact']?.['contactId'], JSON.stringify(reg));
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
        const { code, state } = await authorize(await startOidc('corp', guest()), 'sam');
        const res = await authenticate({ provider: 'OIDC_OAUTH', code, state }, guest(), randomIp());
        assert.equal(reasonOf(res, 'authenticateContactExternal')?.reason, 'EMAIL_IDENTITY_UNVERIFIED', JSON.stringify(res));
      }
      const { code, state } = await authorize(await startOidc('corp', guest()), 'sam');
      const locked = await authenticate({ provider: 'OIDC_OAUTH', code, state }, guest(), randomIp());
      assert.equal(locked.errors?.[0]?.extensions?.code, 'RATE_LIMITED', JSON.stringify(locked));
      assert.match(locked.errors?.[0]?.message ?? '', /try again in \d+ seconds/);
    });
  });
});
