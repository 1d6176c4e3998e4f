import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { signPrincipal, PRINCIPAL_HEADER, type Principal } from '@crm/platform/auth';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from './env';
import { startIdentityWrite, type IdentityWriteService } from './service';
import type { TenantCredentials } from './application/tenants/create-tenant';
import { ALL_PERMISSIONS, BACK_OFFICE_PERMISSIONS } from './domain/permissions';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const PASSWORD = 'Owner-password-1';

type Data = Record<string, any>;
interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * Sessions as generated clients use them: refresh tokens found by hash without a tenant (the
 * gateway's internal resolution, with its per-address limit; the in-memory limiter here, so the
 * lockout touches no shared Redis key), and the re-authentication window of password changes,
 * counted from the sign-in that refreshes and organisation switches keep. Session ages are set in
 * the database, never waited for.
 */
describe(`sessions: tenant-less refresh-token resolution and the re-authentication window (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const internalSecret = randomBytes(32).toString('hex');
  let db: TestDatabase;
  let bus: InMemoryBus;
  let service: IdentityWriteService;
  let a: TenantCredentials;
  let b: TenantCredentials;

  const anonymous = (tenantId: string): Principal => ({ tenantId, kind: 'anonymous', subjectId: null, permissions: [] });
  async function gql(
    principal: Principal,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: Data | null; errors?: { extensions?: Data }[] }> {
    const res = await fetch(`${service.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(principal, internalSecret) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Data | null; errors?: { extensions?: Data }[] };
  }
  async function resolve(token: string, clientIp = '198.51.100.7'): Promise<{ status: number; body: Data }> {
    const gateway = signPrincipal({ tenantId: 'platform', kind: 'service', subjectId: 'gateway', permissions: ['internal.read'] }, internalSecret);
    const res = await fetch(`${service.http.url}/internal/refresh-tokens/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: gateway },
      body: JSON.stringify({ token, clientIp }),
    });
    return { status: res.status, body: (await res.json()) as Data };
  }
  async function signIn(t: TenantCredentials): Promise<Tokens> {
    const r = await gql(
      anonymous(t.tenantId),
      `mutation($i: AuthenticateUserInput!) { authenticateUser(input: $i) { tokens { accessToken refreshToken sessionId } errors { code } } }`,
      {
        i: { username: `owner@${t === a ? 'a' : 'b'}.test`, password: PASSWORD },
      },
    );
    return r.data!['authenticateUser'].tokens as Tokens;
  }
  const refresh = async (tenantId: string, refreshToken: string) =>
    gql(
      anonymous(tenantId),
      `mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken refreshToken sessionId } errors { code } } }`,
      { t: refreshToken },
    );
  const owner = (t: TenantCredentials, sessionId: string): Principal => ({
    tenantId: t.tenantId,
    kind: 'user',
    subjectId: t.ownerUserId,
    permissions: [...ALL_PERMISSIONS],
    sessionId,
  });
  const CHANGE = `mutation($c: String, $n: String!) { changeUserPassword(currentPassword: $c, newPassword: $n) { changed errors { code reason field message } } }`;
  /** Moves the session's sign-in `seconds` into the past (from the database's now); returns it, in epoch seconds as tokens carry it. */
  const ageSession = async (sessionId: string, seconds: number): Promise<number> => {
    await service.dataSource.query(`UPDATE sessions SET authenticated_at = now() - make_interval(secs => $2) WHERE id = $1`, [sessionId, seconds]);
    const [row] = (await service.dataSource.query(`SELECT floor(extract(epoch FROM authenticated_at))::int AS at FROM sessions WHERE id = $1`, [
      sessionId,
    ])) as { at: number }[];
    return row!.at;
  };

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'identity_sessions');
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: internalSecret,
      IDENTITY_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      LOGIN_MAX_FAILURES: '1',
    });
    bus = new InMemoryBus(registry, logger);
    service = await startIdentityWrite(config, { bus, logger, inMemoryDb: !db.url });
    a = await service.createTenant({ name: 'A', ownerEmail: 'owner@a.test', ownerPassword: PASSWORD, applicationName: 'A app' });
    b = await service.createTenant({ name: 'B', ownerEmail: 'owner@b.test', ownerPassword: PASSWORD, applicationName: 'B app' });
  });

  after(async () => {
    await service?.stop();
    await bus?.close();
    await db?.drop();
  });

  it("resolves a live refresh token to its tenant only, and refresh finds no other tenant's token", async () => {
    const tokens = await signIn(a);
    assert.deepEqual(await resolve(tokens.refreshToken), { status: 200, body: { tenantId: a.tenantId } });
    const elsewhere = await refresh(b.tenantId, tokens.refreshToken);
    assert.equal(elsewhere.errors?.[0]?.extensions?.['reason'], 'INVALID_REFRESH_TOKEN', 'a token of tenant A is unknown to tenant B');
    const rotated = await refresh(a.tenantId, tokens.refreshToken);
    assert.ok(rotated.data?.['refreshSession'].tokens.refreshToken, JSON.stringify(rotated));
    // a spent token of a live session still resolves, so its reuse reaches refresh and ends the session
    assert.equal((await resolve(tokens.refreshToken)).status, 200);
    await service.dataSource.query(`UPDATE sessions SET revoked_at = now(), revoke_reason = 'ADMIN' WHERE id = $1`, [tokens.sessionId]);
    assert.equal((await resolve(rotated.data!['refreshSession'].tokens.refreshToken)).status, 404, 'an ended session resolves nothing');
  });

  it('keeps the sign-in time on refresh and organisation switch, and applies the window to password changes', async () => {
    const tokens = await signIn(a);
    const signedIn = claimsOf(tokens.accessToken)['auth_time'] as number;
    // aged from the database's clock, which may have ticked into the next second since the sign-in
    const aged = await ageSession(tokens.sessionId, 600);
    assert.ok(aged < signedIn, 'the sign-in moved into the past');
    const refreshed = (await refresh(a.tenantId, tokens.refreshToken)).data!['refreshSession'].tokens as Tokens;
    assert.equal(claimsOf(refreshed.accessToken)['auth_time'], aged, 'refresh keeps the (aged) sign-in time');
    const [org] = (await service.dataSource.query(`SELECT id FROM organisations WHERE tenant_id = $1 LIMIT 1`, [a.tenantId])) as { id: string }[];
    const switched = await gql(
      owner(a, tokens.sessionId),
      `mutation($o: ID!) { switchOrganisation(organisationId: $o) { tokens { accessToken sessionId } errors { code } } }`,
      { o: org!.id },
    );
    const sw = switched.data!['switchOrganisation'].tokens as Tokens;
    assert.equal(claimsOf(sw.accessToken)['auth_time'], aged, 'a switch is no sign-in');

    // 10 minutes after signing in: the current password is needed, from the switched session too
    for (const sessionId of [tokens.sessionId, sw.sessionId]) {
      const refused = await gql(owner(a, sessionId), CHANGE, { n: 'Second-password-2' });
      assert.equal(refused.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', JSON.stringify(refused));
      assert.equal(refused.errors?.[0]?.extensions?.['reason'], 'REAUTHENTICATION_REQUIRED');
      assert.equal(refused.errors?.[0]?.extensions?.['field'], 'currentPassword');
    }
    // 4 minutes after: within the default 5-minute window
    await ageSession(tokens.sessionId, 240);
    assert.deepEqual((await gql(owner(a, tokens.sessionId), CHANGE, { n: 'Second-password-2' })).data?.['changeUserPassword'], {
      changed: true,
      errors: [],
    });
  });

  it('a tenant created before a permission existed: its built-in roles grant it on sign-in, refresh and secret-key resolution', async () => {
    const old = await service.createTenant({ name: 'Old', ownerEmail: 'owner@old.test', ownerPassword: PASSWORD, applicationName: 'Old app' });
    // the tenant as it was stored before the widgets domain added its permissions to the catalogue
    const added = ['widgets.read', 'widgets.write'];
    await service.dataSource.query(
      `UPDATE roles SET permissions = array(SELECT p FROM unnest(permissions) p WHERE p <> ALL($2::text[])) WHERE tenant_id = $1 AND built_in`,
      [old.tenantId, added],
    );
    const stored = (await service.dataSource.query(`SELECT name, permissions FROM roles WHERE tenant_id = $1 AND name IN ('owner', 'admin')`, [
      old.tenantId,
    ])) as { name: string; permissions: string[] }[];
    assert.equal(stored.length, 2);
    for (const r of stored) assert.ok(!added.some((p) => r.permissions.includes(p)), `${r.name} is stored without them`);

    const signedIn = await gql(
      anonymous(old.tenantId),
      `mutation($i: AuthenticateUserInput!) { authenticateUser(input: $i) { tokens { accessToken refreshToken sessionId } errors { code } } }`,
      { i: { username: 'owner@old.test', password: PASSWORD } },
    );
    const tokens = signedIn.data!['authenticateUser'].tokens as Tokens;
    assert.deepEqual(claimsOf(tokens.accessToken)['prm'], [...ALL_PERMISSIONS].sort(), 'the owner signs in holding the whole catalogue');
    const refreshed = (await refresh(old.tenantId, tokens.refreshToken)).data!['refreshSession'].tokens as Tokens;
    assert.deepEqual(claimsOf(refreshed.accessToken)['prm'], [...ALL_PERMISSIONS].sort(), 'and so after a refresh');

    const gateway = signPrincipal({ tenantId: 'platform', kind: 'service', subjectId: 'gateway', permissions: [] }, internalSecret);
    const res = await fetch(`${service.http.url}/internal/api-keys/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: gateway },
      body: JSON.stringify({ key: old.secretApiKey }),
    });
    assert.equal(res.status, 200);
    const key = (await res.json()) as Data;
    assert.deepEqual([key['tenantId'], key['kind']], [old.tenantId, 'secret']);
    assert.deepEqual(
      [...(key['permissions'] as string[])].sort(),
      [...BACK_OFFICE_PERMISSIONS].sort(),
      'the admin secret key holds every Back-Office permission',
    );
    for (const p of added) assert.ok((key['permissions'] as string[]).includes(p), p);
  });

  it('counts unknown refresh tokens per client address and then refuses that address (429)', async () => {
    // LOGIN_MAX_FAILURES=1: the address limit is 20 unknown tokens
    for (let i = 0; i < 20; i++) assert.equal((await resolve(`crm_rt_unknown-${i}`, '203.0.113.9')).status, 404);
    const limited = await resolve('crm_rt_unknown-again', '203.0.113.9');
    assert.equal(limited.status, 429, JSON.stringify(limited.body));
    const tokens = await signIn(b);
    assert.equal((await resolve(tokens.refreshToken, '203.0.113.9')).status, 429, 'even a good token, from that address');
    assert.deepEqual(
      await resolve(tokens.refreshToken, '203.0.113.10'),
      { status: 200, body: { tenantId: b.tenantId } },
      'other addresses are not affected',
    );
  });
});
