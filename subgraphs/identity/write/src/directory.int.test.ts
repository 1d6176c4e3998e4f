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
import { ALL_PERMISSIONS, BUILT_IN_ROLES } from './domain/permissions';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const OWNER_PASSWORD = 'Owner-password-1';
const ANON_UUID = '01a227f4-e519-7789-b317-458840f724c9';

interface GqlError {
  message: string;
  extensions?: { code?: string; reason?: string; field?: string };
}
interface UserErrorShape {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}
type Data = Record<string, any>;

describe(`identity directory mutations (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  const internalSecret = randomBytes(32).toString('hex');
  let db: TestDatabase;
  let bus: InMemoryBus;
  let service: IdentityWriteService;
  let tenant: TenantCredentials;
  let other: TenantCredentials;
  let roles: Record<string, string>;

  const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => (await service.dataSource.query(sql, params)) as T[];
  const principalOf = (
    tenantId: string,
    kind: Principal['kind'],
    subjectId: string | null,
    permissions: readonly string[],
    sessionId?: string,
  ): Principal => ({
    tenantId,
    kind,
    subjectId,
    permissions: [...permissions],
    ...(sessionId ? { sessionId } : {}),
  });
  const permsOf = (role: string) => [...BUILT_IN_ROLES.find((r) => r.name === role)!.permissions];
  let owner: Principal;
  let admin: Principal;
  let adminUserId: string;

  async function gql(
    principal: Principal,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: Data | null; errors?: GqlError[] }> {
    const res = await fetch(`${service.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signPrincipal(principal, internalSecret) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Data | null; errors?: GqlError[] };
  }

  /** Runs a mutation expected to resolve (no GraphQL errors) and returns its payload. */
  async function mutate(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const res = await gql(principal, query, variables);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const payload = Object.values(res.data ?? {})[0] as Data;
    return payload;
  }

  function userError(payload: Data): UserErrorShape {
    const errors = payload['errors'] as UserErrorShape[];
    assert.equal(errors.length, 1, `expected one user error, got ${JSON.stringify(errors)}`);
    return errors[0]!;
  }

  const eventsOf = async (aggregateId: string) =>
    (await q<{ payload: any }>(`SELECT payload FROM outbox WHERE payload->>'aggregateId' = $1 ORDER BY id`, [aggregateId])).map((r) =>
      typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    );

  async function signIn(
    tenantId: string,
    email: string,
    password: string,
  ): Promise<{ accessToken: string; refreshToken: string; sessionId: string } | null> {
    const res = await mutate(
      principalOf(tenantId, 'anonymous', null, []),
      `mutation($i: AuthenticateUserInput!) { authenticateUser(input: $i) { tokens { accessToken refreshToken sessionId } errors { code } } }`,
      {
        i: { username: email, password },
      },
    ).catch(() => null);
    return (res?.['tokens'] as { accessToken: string; refreshToken: string; sessionId: string } | null) ?? null;
  }

  const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id email firstName lastName status roleIds version } errors { code reason field message } } }`;
  const UPDATE_USER = `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { user { id firstName lastName roleIds version status } errors { code reason field message } } }`;
  const DISABLE_USER = `mutation($id: ID!) { disableUser(id: $id) { user { id status version } errors { code reason field message } } }`;
  const CHANGE_PASSWORD = `mutation($c: String!, $n: String!) { changeUserPassword(currentPassword: $c, newPassword: $n) { changed errors { code reason field message } } }`;
  const CREATE_ROLE = `mutation($i: CreateRoleInput!) { createRole(input: $i) { role { id name builtIn permissions version } errors { code reason field message } } }`;
  const UPDATE_ROLE = `mutation($id: ID!, $i: UpdateRoleInput!) { updateRole(id: $id, input: $i) { role { id name permissions version } errors { code reason field message } } }`;
  const DELETE_ROLE = `mutation($id: ID!) { deleteRole(id: $id) { id errors { code reason field message } } }`;
  const CREATE_TEAM = `mutation($i: TeamInput!) { createTeam(input: $i) { team { id name version } errors { code reason field message } } }`;
  const UPDATE_TEAM = `mutation($id: ID!, $i: TeamInput!) { updateTeam(id: $id, input: $i) { team { id name version } errors { code reason field message } } }`;
  const DELETE_TEAM = `mutation($id: ID!) { deleteTeam(id: $id) { id errors { code reason field message } } }`;
  const CREATE_APP = `mutation($i: CreateApplicationInput!) { createApplication(input: $i) { applicationId publicKey maskedPublicKey errors { code reason field message } } }`;
  const CREATE_ORG = `mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { organisation { id parentId type name } errors { code reason field message } } }`;

  async function createUser(by: Principal, input: Record<string, unknown>): Promise<Data> {
    return mutate(by, CREATE_USER, { i: { firstName: null, lastName: null, ...input } });
  }

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'identity_directory');
    const config = parseConfig({
      INTERNAL_AUTH_SECRET: internalSecret,
      IDENTITY_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
    });
    bus = new InMemoryBus(registry, logger);
    service = await startIdentityWrite(config, { bus, logger, inMemoryDb: !db.url });
    tenant = await service.createTenant({ name: 'Acme', ownerEmail: 'owner@acme.test', ownerPassword: OWNER_PASSWORD, applicationName: 'Acme app' });
    other = await service.createTenant({
      name: 'Other',
      ownerEmail: 'owner@other.test',
      ownerPassword: OWNER_PASSWORD,
      applicationName: 'Other app',
    });
    roles = Object.fromEntries(
      (await q<{ id: string; name: string }>(`SELECT id, name FROM roles WHERE tenant_id = $1`, [tenant.tenantId])).map((r) => [r.name, r.id]),
    );
    owner = principalOf(tenant.tenantId, 'user', tenant.ownerUserId, ALL_PERMISSIONS);
    const created = await createUser(owner, { email: 'admin@acme.test', password: 'Admin-password-1', roleIds: [roles['admin']] });
    adminUserId = (created['user'] as Data)['id'] as string;
    admin = principalOf(tenant.tenantId, 'user', adminUserId, ALL_PERMISSIONS);
  });

  after(async () => {
    await service?.stop();
    await bus?.close();
    await db?.drop();
  });

  describe('users', () => {
    it('createUser creates an active user with its roles and a user.created event', async () => {
      const payload = await createUser(admin, {
        email: '  Agent.One@Acme.test ',
        password: 'Agent-password-1',
        firstName: ' Ann ',
        lastName: 'Agent',
        roleIds: [roles['agent']],
      });
      assert.deepEqual(payload['errors'], []);
      const user = payload['user'] as Data;
      assert.equal(user['email'], 'agent.one@acme.test');
      assert.equal(user['firstName'], 'Ann');
      assert.equal(user['status'], 'ACTIVE');
      assert.deepEqual(user['roleIds'], [roles['agent']]);
      assert.equal(user['version'], 1);
      const [event] = await eventsOf(user['id'] as string);
      assert.equal(event.type, 'user.created');
      assert.equal(event.tenantId, tenant.tenantId);
      assert.deepEqual(event.actor, { kind: 'user', id: adminUserId });
      assert.ok(await signIn(tenant.tenantId, 'agent.one@acme.test', 'Agent-password-1'), 'the new user can sign in');
    });

    it('createUser refuses bad input as payload errors naming the field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ email: 'not-an-email', password: 'Valid-password-1', roleIds: [] }, 'VALIDATION', 'email'],
        [{ email: 'x1@acme.test', password: 'short', roleIds: [] }, 'VALIDATION', 'password'],
        [{ email: 'x2@acme.test', password: 'Valid-password-1', roleIds: [roles['agent'], 'nope'] }, 'VALIDATION', 'roleIds.1'],
        [{ email: 'x3@acme.test', password: 'Valid-password-1', roleIds: [ANON_UUID] }, 'VALIDATION', 'roleIds.0'],
        // a role of another tenant does not exist here
        [
          {
            email: 'x4@acme.test',
            password: 'Valid-password-1',
            roleIds: [(await q<{ id: string }>(`SELECT id FROM roles WHERE tenant_id = $1 LIMIT 1`, [other.tenantId]))[0]!.id],
          },
          'VALIDATION',
          'roleIds.0',
        ],
        [{ email: 'OWNER@acme.test', password: 'Valid-password-1', roleIds: [] }, 'CONFLICT', 'email'],
      ];
      for (const [input, code, field] of cases) {
        const err = userError(await createUser(owner, input));
        assert.equal(err.code, code, JSON.stringify(input));
        assert.equal(err.field, field, JSON.stringify(input));
      }
      assert.equal((await q(`SELECT 1 FROM users WHERE tenant_id = $1 AND email LIKE 'x_@acme.test'`, [tenant.tenantId])).length, 0);
    });

    it('inputs have no server-owned fields: GraphQL refuses tenantId, status, passwordHash', async () => {
      for (const extra of [{ tenantId: other.tenantId }, { status: 'ACTIVE' }, { passwordHash: 'x' }, { version: 3 }]) {
        const res = await gql(owner, CREATE_USER, { i: { email: 'mass@acme.test', password: 'Valid-password-1', roleIds: [], ...extra } });
        assert.ok(res.errors && res.errors.length > 0, JSON.stringify(extra));
        assert.match(res.errors[0]!.message, /not defined by type "CreateUserInput"/);
      }
      assert.equal((await q(`SELECT 1 FROM users WHERE email = 'mass@acme.test'`)).length, 0);
    });

    it('a principal without users.manage gets FORBIDDEN; an anonymous caller UNAUTHENTICATED', async () => {
      const agent = principalOf(tenant.tenantId, 'user', ANON_UUID, permsOf('agent'));
      for (const [query, variables] of [
        [CREATE_USER, { i: { email: 'f@acme.test', password: 'Valid-password-1', roleIds: [] } }],
        [UPDATE_USER, { id: tenant.ownerUserId, i: { firstName: 'X' } }],
        [DISABLE_USER, { id: tenant.ownerUserId }],
        [CREATE_ROLE, { i: { name: 'r', permissions: [] } }],
        [CREATE_APP, { i: { name: 'a' } }],
        [CREATE_ORG, { i: { parentId: tenant.tenantId, type: 'MERCHANT', name: 'm' } }],
      ] as const) {
        const res = await gql(agent, query, variables);
        assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN', query);
      }
      const anon = await gql(principalOf(tenant.tenantId, 'anonymous', null, []), CREATE_USER, {
        i: { email: 'f@acme.test', password: 'Valid-password-1', roleIds: [] },
      });
      assert.equal(anon.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal((await q(`SELECT 1 FROM users WHERE email = 'f@acme.test'`)).length, 0);
    });

    it('nobody grants permissions they do not hold (users.manage alone cannot hand out admin)', async () => {
      const hr = principalOf(tenant.tenantId, 'user', ANON_UUID, ['users.read', 'users.manage', 'contacts.read']);
      const res = await gql(hr, CREATE_USER, { i: { email: 'esc@acme.test', password: 'Valid-password-1', roleIds: [roles['admin']] } });
      assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal(res.errors?.[0]?.extensions?.reason, 'PERMISSION_NOT_HELD');
      const ok = await createUser(hr, { email: 'ro@acme.test', password: 'Valid-password-1', roleIds: [] });
      assert.deepEqual(ok['errors'], []);
    });

    it('updateUser changes only what is given and puts only changed fields in user.updated', async () => {
      const id = (
        (
          await createUser(owner, {
            email: 'upd@acme.test',
            password: 'Valid-password-1',
            firstName: 'Una',
            lastName: 'Update',
            roleIds: [roles['agent']],
          })
        )['user'] as Data
      )['id'] as string;
      const changed = await mutate(admin, UPDATE_USER, {
        id,
        i: { firstName: 'Uma', lastName: 'Update', roleIds: [roles['agent'], roles['finance']] },
      });
      assert.deepEqual(changed['errors'], []);
      assert.deepEqual(changed['user'], {
        id,
        firstName: 'Uma',
        lastName: 'Update',
        roleIds: [roles['agent'], roles['finance']],
        version: 2,
        status: 'ACTIVE',
      });
      const events = await eventsOf(id);
      assert.equal(events.length, 2);
      assert.equal(events[1].type, 'user.updated');
      assert.equal(events[1].aggregateVersion, 2);
      assert.deepEqual(events[1].data, { firstName: 'Uma', roleIds: [roles['agent'], roles['finance']] });
      // null clears, omitted stays
      const cleared = await mutate(admin, UPDATE_USER, { id, i: { lastName: null } });
      assert.deepEqual(
        { ...(cleared['user'] as Data) },
        { id, firstName: 'Uma', lastName: null, roleIds: [roles['agent'], roles['finance']], version: 3, status: 'ACTIVE' },
      );
      assert.deepEqual((await eventsOf(id))[2].data, { lastName: null });
      // nothing changed: no event, same version
      const same = await mutate(admin, UPDATE_USER, { id, i: { firstName: 'Uma', roleIds: [roles['finance'], roles['agent']] } });
      assert.equal((same['user'] as Data)['version'], 3);
      assert.equal((await eventsOf(id)).length, 3);
    });

    it('updateUser refuses unknown roles, bad ids, unknown users and users of other tenants', async () => {
      assert.equal(userError(await mutate(owner, UPDATE_USER, { id: adminUserId, i: { roleIds: [ANON_UUID] } })).field, 'roleIds.0');
      assert.equal(userError(await mutate(owner, UPDATE_USER, { id: adminUserId, i: { roleIds: ["x' OR 1=1"] } })).field, 'roleIds.0');
      const badId = userError(await mutate(owner, UPDATE_USER, { id: 'abc', i: { firstName: 'x' } }));
      assert.deepEqual([badId.code, badId.field], ['VALIDATION', 'id']);
      assert.equal(userError(await mutate(owner, UPDATE_USER, { id: ANON_UUID, i: { firstName: 'x' } })).code, 'NOT_FOUND');
      assert.equal(userError(await mutate(owner, UPDATE_USER, { id: other.ownerUserId, i: { firstName: 'x' } })).code, 'NOT_FOUND');
      const [row] = await q<{ first_name: string }>(`SELECT first_name FROM users WHERE id = $1`, [other.ownerUserId]);
      assert.equal(row!.first_name, 'Owner');
    });

    it('only an owner grants or removes ownership, and the last active owner keeps it', async () => {
      const refused = await gql(admin, UPDATE_USER, { id: adminUserId, i: { roleIds: [roles['admin'], roles['owner']] } });
      assert.equal(refused.errors?.[0]?.extensions?.reason, 'OWNER_REQUIRED');
      const last = userError(await mutate(owner, UPDATE_USER, { id: tenant.ownerUserId, i: { roleIds: [roles['admin']] } }));
      assert.deepEqual([last.code, last.reason], ['CONFLICT', 'LAST_OWNER']);
      const lastDisable = userError(await mutate(admin, DISABLE_USER, { id: tenant.ownerUserId }));
      assert.deepEqual([lastDisable.code, lastDisable.reason], ['CONFLICT', 'LAST_OWNER']);
      // a second owner: now the admin still may not remove one, an owner may
      const second = (
        (await createUser(owner, { email: 'owner2@acme.test', password: 'Valid-password-1', roleIds: [roles['owner']] }))['user'] as Data
      )['id'] as string;
      assert.equal((await gql(admin, DISABLE_USER, { id: second })).errors?.[0]?.extensions?.reason, 'OWNER_REQUIRED');
      const demoted = await mutate(owner, UPDATE_USER, { id: second, i: { roleIds: [roles['admin']] } });
      assert.deepEqual((demoted['user'] as Data)['roleIds'], [roles['admin']]);
    });

    it('disableUser disables the user and ends all their sessions; nobody disables themselves', async () => {
      const id = ((await createUser(admin, { email: 'leaver@acme.test', password: 'Leaver-password-1', roleIds: [roles['agent']] }))['user'] as Data)[
        'id'
      ] as string;
      const s1 = await signIn(tenant.tenantId, 'leaver@acme.test', 'Leaver-password-1');
      const s2 = await signIn(tenant.tenantId, 'leaver@acme.test', 'Leaver-password-1');
      assert.ok(s1 && s2);
      const self = userError(await mutate(principalOf(tenant.tenantId, 'user', id, permsOf('admin')), DISABLE_USER, { id }));
      assert.deepEqual([self.code, self.reason], ['CONFLICT', 'CANNOT_DISABLE_SELF']);
      const payload = await mutate(admin, DISABLE_USER, { id });
      assert.deepEqual(payload['user'], { id, status: 'DISABLED', version: 2 });
      const sessions = await q<{ id: string; revoked_at: Date | null; revoke_reason: string | null }>(
        `SELECT id, revoked_at, revoke_reason FROM sessions WHERE tenant_id = $1 AND subject_id = $2`,
        [tenant.tenantId, id],
      );
      assert.equal(sessions.length, 2);
      for (const s of sessions) assert.equal(s.revoke_reason, 'USER_DISABLED');
      const types = (await eventsOf(id)).map((e) => e.type);
      assert.deepEqual(types, ['user.created', 'user.disabled']);
      assert.deepEqual(
        (await eventsOf(s1.sessionId)).map((e) => [e.type, e.data.reason]),
        [['session.revoked', 'USER_DISABLED']],
      );
      assert.equal(await signIn(tenant.tenantId, 'leaver@acme.test', 'Leaver-password-1'), null, 'a disabled user cannot sign in');
      const refresh = await gql(
        principalOf(tenant.tenantId, 'anonymous', null, []),
        `mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { accessToken } errors { code } } }`,
        { t: s2.refreshToken },
      );
      assert.equal(refresh.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      // again: nothing changes
      const again = await mutate(admin, DISABLE_USER, { id });
      assert.equal((again['user'] as Data)['version'], 2);
      assert.equal(userError(await mutate(admin, DISABLE_USER, { id: 'x' })).field, 'id');
      assert.equal(userError(await mutate(admin, DISABLE_USER, { id: ANON_UUID })).code, 'NOT_FOUND');
    });

    it('changeUserPassword verifies the current password and ends the other sessions only', async () => {
      const email = 'pw@acme.test';
      const id = ((await createUser(admin, { email, password: 'First-password-1', roleIds: [roles['agent']] }))['user'] as Data)['id'] as string;
      const current = (await signIn(tenant.tenantId, email, 'First-password-1'))!;
      const otherSession = (await signIn(tenant.tenantId, email, 'First-password-1'))!;
      const me = principalOf(tenant.tenantId, 'user', id, permsOf('agent'), current.sessionId);
      const wrong = userError(await mutate(me, CHANGE_PASSWORD, { c: 'Not-the-password-1', n: 'Second-password-2' }));
      assert.deepEqual([wrong.code, wrong.field], ['VALIDATION', 'currentPassword']);
      assert.equal(userError(await mutate(me, CHANGE_PASSWORD, { c: 'First-password-1', n: 'short' })).field, 'newPassword');
      assert.equal(userError(await mutate(me, CHANGE_PASSWORD, { c: 'First-password-1', n: 'First-password-1' })).reason, 'PASSWORD_UNCHANGED');
      const done = await mutate(me, CHANGE_PASSWORD, { c: 'First-password-1', n: 'Second-password-2' });
      assert.deepEqual(done, { changed: true, errors: [] });
      const sessions = new Map(
        (await q<{ id: string; revoke_reason: string | null }>(`SELECT id, revoke_reason FROM sessions WHERE subject_id = $1`, [id])).map((s) => [
          s.id,
          s.revoke_reason,
        ]),
      );
      assert.equal(sessions.get(current.sessionId), null, 'the calling session stays');
      assert.equal(sessions.get(otherSession.sessionId), 'PASSWORD_CHANGED');
      const events = await eventsOf(id);
      assert.deepEqual(events.at(-1).data, { via: 'CHANGE' });
      assert.equal(events.at(-1).aggregateVersion, 2);
      assert.equal(await signIn(tenant.tenantId, email, 'First-password-1'), null);
      assert.ok(await signIn(tenant.tenantId, email, 'Second-password-2'));
      // only a user changes their own password: keys (service principals) are refused
      const key = await gql(principalOf(tenant.tenantId, 'service', ANON_UUID, ALL_PERMISSIONS), CHANGE_PASSWORD, { c: 'a', n: 'Third-password-3' });
      assert.equal(key.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    });
  });

  describe('roles', () => {
    it('createRole creates a custom role with catalogued permissions', async () => {
      const payload = await mutate(owner, CREATE_ROLE, { i: { name: ' Support ', permissions: ['users.read', 'contacts.read', 'contacts.read'] } });
      assert.deepEqual(payload['errors'], []);
      const role = payload['role'] as Data;
      assert.deepEqual({ ...role, id: 'x' }, { id: 'x', name: 'Support', builtIn: false, permissions: ['contacts.read', 'users.read'], version: 1 });
      const [event] = await eventsOf(role['id'] as string);
      assert.deepEqual([event.type, event.data], ['role.created', { name: 'Support', permissions: ['contacts.read', 'users.read'], builtIn: false }]);
    });

    it('createRole refuses unknown permissions (naming permissions.N), taken names and ungrantable permissions', async () => {
      const unknown = userError(await mutate(owner, CREATE_ROLE, { i: { name: 'Bad', permissions: ['contacts.read', 'contacts.delete'] } }));
      assert.deepEqual([unknown.code, unknown.field, unknown.reason], ['VALIDATION', 'permissions.1', 'UNKNOWN_PERMISSION']);
      const star = userError(await mutate(owner, CREATE_ROLE, { i: { name: 'Star', permissions: ['*'] } }));
      assert.equal(star.field, 'permissions.0');
      for (const name of ['ADMIN', 'support']) {
        const taken = userError(await mutate(owner, CREATE_ROLE, { i: { name, permissions: [] } }));
        assert.deepEqual([taken.code, taken.reason], ['CONFLICT', 'ROLE_NAME_TAKEN'], name);
      }
      const manager = principalOf(tenant.tenantId, 'user', ANON_UUID, ['roles.manage', 'contacts.read']);
      assert.equal(
        (await gql(manager, CREATE_ROLE, { i: { name: 'Escalate', permissions: ['keys.manage'] } })).errors?.[0]?.extensions?.code,
        'FORBIDDEN',
      );
      // the same name in another tenant is fine
      const elsewhere = await mutate(principalOf(other.tenantId, 'user', other.ownerUserId, ALL_PERMISSIONS), CREATE_ROLE, {
        i: { name: 'Support', permissions: [] },
      });
      assert.deepEqual(elsewhere['errors'], []);
    });

    it('built-in roles cannot be changed or deleted', async () => {
      for (const [query, variables] of [
        [UPDATE_ROLE, { id: roles['agent'], i: { permissions: ['contacts.read'] } }],
        [UPDATE_ROLE, { id: roles['owner'], i: { name: 'boss' } }],
        [DELETE_ROLE, { id: roles['read_only'] }],
      ] as const) {
        const err = userError(await mutate(owner, query, variables));
        assert.deepEqual([err.code, err.reason], ['CONFLICT', 'BUILT_IN_ROLE']);
      }
      const [agent] = await q<{ permissions: string[]; version: number }>(`SELECT permissions, version FROM roles WHERE id = $1`, [roles['agent']]);
      assert.deepEqual([...agent!.permissions].sort(), permsOf('agent').sort());
    });

    it('updateRole renames and/or replaces permissions with only the changes in role.updated', async () => {
      const id = ((await mutate(owner, CREATE_ROLE, { i: { name: 'Auditors', permissions: ['finance.read'] } }))['role'] as Data)['id'] as string;
      const renamed = await mutate(owner, UPDATE_ROLE, { id, i: { name: 'Auditing' } });
      assert.deepEqual({ ...(renamed['role'] as Data) }, { id, name: 'Auditing', permissions: ['finance.read'], version: 2 });
      const perms = await mutate(owner, UPDATE_ROLE, { id, i: { permissions: ['finance.read', 'contacts.read'] } });
      assert.deepEqual((perms['role'] as Data)['permissions'], ['contacts.read', 'finance.read']);
      const events = await eventsOf(id);
      assert.deepEqual(
        events.slice(1).map((e) => [e.type, e.aggregateVersion, e.data]),
        [
          ['role.updated', 2, { name: 'Auditing' }],
          ['role.updated', 3, { permissions: ['contacts.read', 'finance.read'] }],
        ],
      );
      assert.equal(userError(await mutate(owner, UPDATE_ROLE, { id, i: { permissions: ['finance.read', 'nope.nope'] } })).field, 'permissions.1');
      assert.equal(userError(await mutate(owner, UPDATE_ROLE, { id, i: { name: 'Finance' } })).reason, 'ROLE_NAME_TAKEN');
      assert.equal(userError(await mutate(owner, UPDATE_ROLE, { id: 'bad', i: { name: 'x' } })).field, 'id');
    });

    it('deleteRole refuses a role used by a user or a live secret key, and deletes an unused one', async () => {
      const byUser = ((await mutate(owner, CREATE_ROLE, { i: { name: 'Used by user', permissions: ['contacts.read'] } }))['role'] as Data)[
        'id'
      ] as string;
      await createUser(owner, { email: 'roleuser@acme.test', password: 'Valid-password-1', roleIds: [byUser] });
      assert.equal(userError(await mutate(owner, DELETE_ROLE, { id: byUser })).reason, 'ROLE_IN_USE');

      const byKey = ((await mutate(owner, CREATE_ROLE, { i: { name: 'Used by key', permissions: ['contacts.read'] } }))['role'] as Data)[
        'id'
      ] as string;
      const key = await mutate(owner, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { id errors { code } } }`, {
        i: { applicationId: tenant.applicationId, name: 'k', roleId: byKey },
      });
      assert.equal(userError(await mutate(owner, DELETE_ROLE, { id: byKey })).reason, 'ROLE_IN_USE');
      await mutate(owner, `mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }`, { id: key['id'] });
      assert.deepEqual(await mutate(owner, DELETE_ROLE, { id: byKey }), { id: byKey, errors: [] });
      assert.deepEqual(
        (await eventsOf(byKey)).map((e) => e.type),
        ['role.created', 'role.deleted'],
      );
      assert.equal(userError(await mutate(owner, DELETE_ROLE, { id: byKey })).code, 'NOT_FOUND');
      // its name is free again, and a user cannot be given the deleted role
      assert.deepEqual((await mutate(owner, CREATE_ROLE, { i: { name: 'Used by key', permissions: [] } }))['errors'], []);
      assert.equal(
        userError(await createUser(owner, { email: 'late@acme.test', password: 'Valid-password-1', roleIds: [byKey] })).field,
        'roleIds.0',
      );
    });
  });

  describe('teams', () => {
    const teamOf = async (name: string) => ((await mutate(owner, CREATE_TEAM, { i: { name } }))['team'] as Data)['id'] as string;

    it('createTeam/updateTeam create and rename a team with team.created/team.renamed; names are unique per tenant', async () => {
      const created = await mutate(owner, CREATE_TEAM, { i: { name: '  Support desk ' } });
      assert.deepEqual(created['errors'], []);
      const id = (created['team'] as Data)['id'] as string;
      assert.deepEqual(created['team'], { id, name: 'Support desk', version: 1 });
      assert.equal(userError(await mutate(owner, CREATE_TEAM, { i: { name: 'SUPPORT DESK' } })).reason, 'TEAM_NAME_TAKEN');
      assert.deepEqual((await mutate(owner, UPDATE_TEAM, { id, i: { name: 'Support' } }))['team'], { id, name: 'Support', version: 2 });
      // the same name again changes nothing
      assert.deepEqual((await mutate(owner, UPDATE_TEAM, { id, i: { name: 'Support' } }))['team'], { id, name: 'Support', version: 2 });
      assert.deepEqual(
        (await eventsOf(id)).map((e) => [e.type, e.aggregateVersion, e.data]),
        [
          ['team.created', 1, { name: 'Support desk' }],
          ['team.renamed', 2, { name: 'Support' }],
        ],
      );
      for (const name of ['', ' ', 'x'.repeat(101), 'a\u0000b']) {
        assert.equal(userError(await mutate(owner, CREATE_TEAM, { i: { name } })).field, 'name', JSON.stringify(name));
      }
      // the same name in another tenant is fine; another tenant cannot rename ours
      const otherOwner = principalOf(other.tenantId, 'user', other.ownerUserId, ALL_PERMISSIONS);
      assert.deepEqual((await mutate(otherOwner, CREATE_TEAM, { i: { name: 'Support' } }))['errors'], []);
      assert.equal(userError(await mutate(otherOwner, UPDATE_TEAM, { id, i: { name: 'Taken over' } })).code, 'NOT_FOUND');
      assert.equal((await q<{ name: string }>(`SELECT name FROM teams WHERE id = $1`, [id]))[0]?.name, 'Support');
    });

    it('users join teams on create and update (user.updated carries teamIds); unknown or foreign teams are refused', async () => {
      const sales = await teamOf('Sales');
      const ops = await teamOf('Ops');
      const created = await createUser(owner, {
        email: 'teamed@acme.test',
        password: 'Valid-password-1',
        roleIds: [roles['agent']],
        teamIds: [sales],
      });
      const userId = (created['user'] as Data)['id'] as string;
      const [createdEvent] = await eventsOf(userId);
      assert.deepEqual(createdEvent.data.teamIds, [sales]);
      const moved = await mutate(
        owner,
        `mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { user { teamIds version } errors { code } } }`,
        {
          id: userId,
          i: { teamIds: [ops, sales] },
        },
      );
      assert.deepEqual(moved['user'], { teamIds: [ops, sales], version: 2 });
      assert.deepEqual((await eventsOf(userId)).at(-1).data, { teamIds: [ops, sales] });
      const foreign = await mutate(principalOf(other.tenantId, 'user', other.ownerUserId, ALL_PERMISSIONS), CREATE_TEAM, { i: { name: 'Theirs' } });
      const theirs = (foreign['team'] as Data)['id'] as string;
      for (const teamIds of [[theirs], [sales, ANON_UUID]]) {
        const err = userError(await mutate(owner, UPDATE_USER, { id: userId, i: { teamIds } }));
        assert.deepEqual([err.code, err.reason], ['VALIDATION', 'UNKNOWN_TEAM']);
      }
      assert.equal(userError(await mutate(owner, UPDATE_USER, { id: userId, i: { teamIds: ['nope'] } })).field, 'teamIds.0');
      const [row] = await q<{ team_ids: string[] }>(`SELECT team_ids FROM users WHERE id = $1`, [userId]);
      assert.deepEqual([...row!.team_ids].sort(), [ops, sales].sort());
    });

    it('deleteTeam refuses a team with members and deletes an empty one (team.deleted)', async () => {
      const busy = await teamOf('Busy');
      const user = await createUser(owner, { email: 'busy@acme.test', password: 'Valid-password-1', roleIds: [roles['agent']], teamIds: [busy] });
      assert.equal(userError(await mutate(owner, DELETE_TEAM, { id: busy })).reason, 'TEAM_IN_USE');
      await mutate(owner, UPDATE_USER, { id: (user['user'] as Data)['id'], i: { teamIds: [] } });
      assert.deepEqual(await mutate(owner, DELETE_TEAM, { id: busy }), { id: busy, errors: [] });
      assert.deepEqual(
        (await eventsOf(busy)).map((e) => [e.type, e.aggregateVersion]),
        [
          ['team.created', 1],
          ['team.deleted', 2],
        ],
      );
      assert.equal(userError(await mutate(owner, DELETE_TEAM, { id: busy })).code, 'NOT_FOUND');
    });

    it('team mutations need users.manage', async () => {
      const agent = principalOf(tenant.tenantId, 'user', ANON_UUID, permsOf('agent'));
      const res = await gql(agent, CREATE_TEAM, { i: { name: 'Nope' } });
      assert.equal(res.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal((await q(`SELECT 1 FROM teams WHERE tenant_id = $1 AND name = 'Nope'`, [tenant.tenantId])).length, 0);
    });
  });

  describe('tenant: applications and organisations', () => {
    const tenantVersion = async () =>
      Number((await q<{ version: number }>(`SELECT version FROM organisations WHERE id = $1`, [tenant.tenantId]))[0]!.version);

    it('createTenant leaves the tenant aggregate at version 2 (created + first application)', async () => {
      const [root] = await q<{ version: number }>(`SELECT version FROM organisations WHERE id = $1`, [other.tenantId]);
      assert.equal(Number(root!.version), 2);
      assert.deepEqual(
        (await eventsOf(other.tenantId)).map((e) => [e.type, e.aggregateVersion]),
        [
          ['tenant.created', 1],
          ['tenant.application_created', 2],
        ],
      );
    });

    it('createApplication returns the id and a working public key, and takes the next tenant version', async () => {
      const before = await tenantVersion();
      const payload = await mutate(owner, CREATE_APP, { i: { name: 'Mobile app' } });
      assert.deepEqual(payload['errors'], []);
      assert.match(payload['publicKey'] as string, /^crm_pk_live_[0-9A-Za-z]{49}$/);
      assert.equal(payload['maskedPublicKey'], `crm_pk_live_...${(payload['publicKey'] as string).slice(-4)}`);
      assert.equal(await tenantVersion(), before + 1);
      const last = (await eventsOf(tenant.tenantId)).at(-1);
      assert.deepEqual(
        [last.type, last.aggregateVersion, last.data],
        ['tenant.application_created', before + 1, { applicationId: payload['applicationId'], name: 'Mobile app' }],
      );
      // the gateway resolves the new key to this tenant and application
      const res = await fetch(`${service.http.url}/internal/api-keys/resolve`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: signPrincipal(principalOf(tenant.tenantId, 'service', 'gateway', []), internalSecret),
        },
        body: JSON.stringify({ key: payload['publicKey'] }),
      });
      const resolved = (await res.json()) as Data;
      assert.deepEqual(
        [resolved['tenantId'], resolved['applicationId'], resolved['kind'], resolved['permissions']],
        [tenant.tenantId, payload['applicationId'], 'public', []],
      );
      assert.equal(userError(await mutate(owner, CREATE_APP, { i: { name: '  ' } })).field, 'name');
    });

    it('createOrganisation builds the hierarchy: merchants under the business, venues under a merchant or the business', async () => {
      const before = await tenantVersion();
      const merchant = (await mutate(owner, CREATE_ORG, { i: { parentId: tenant.tenantId, type: 'MERCHANT', name: 'Shop Co' } }))[
        'organisation'
      ] as Data;
      assert.deepEqual({ ...merchant, id: 'x' }, { id: 'x', parentId: tenant.tenantId, type: 'MERCHANT', name: 'Shop Co' });
      const venue = (await mutate(owner, CREATE_ORG, { i: { parentId: merchant['id'], type: 'VENUE', name: 'Shop Co Downtown' } }))[
        'organisation'
      ] as Data;
      assert.equal(venue['parentId'], merchant['id']);
      const direct = await mutate(owner, CREATE_ORG, { i: { parentId: tenant.tenantId, type: 'VENUE', name: 'Flagship' } });
      assert.deepEqual(direct['errors'], []);
      assert.equal(await tenantVersion(), before + 3);
      const events = (await eventsOf(tenant.tenantId)).slice(-3);
      assert.deepEqual(
        events.map((e) => [e.type, e.aggregateVersion]),
        [1, 2, 3].map((n) => ['tenant.organisation_created', before + n]),
      );
      assert.deepEqual(events[1].data, { organisationId: venue['id'], parentId: merchant['id'], type: 'VENUE', name: 'Shop Co Downtown' });

      const refusals: [Record<string, unknown>, string, string][] = [
        [{ parentId: merchant['id'], type: 'MERCHANT', name: 'Sub merchant' }, 'VALIDATION', 'parentId'],
        [{ parentId: venue['id'], type: 'VENUE', name: 'Sub venue' }, 'VALIDATION', 'parentId'],
        [{ parentId: venue['id'], type: 'MERCHANT', name: 'Under venue' }, 'VALIDATION', 'parentId'],
        [{ parentId: 'nope', type: 'VENUE', name: 'Bad id' }, 'VALIDATION', 'parentId'],
        [{ parentId: tenant.tenantId, type: 'VENUE', name: '' }, 'VALIDATION', 'name'],
      ];
      for (const [input, code, field] of refusals) {
        const err = userError(await mutate(owner, CREATE_ORG, { i: input }));
        assert.deepEqual([err.code, err.field], [code, field], JSON.stringify(input));
      }
      assert.equal(userError(await mutate(owner, CREATE_ORG, { i: { parentId: ANON_UUID, type: 'VENUE', name: 'Orphan' } })).code, 'NOT_FOUND');
      // another tenant's organisation is not a parent here
      assert.equal(
        userError(await mutate(owner, CREATE_ORG, { i: { parentId: other.tenantId, type: 'MERCHANT', name: 'Cross' } })).code,
        'NOT_FOUND',
      );
      // a business is only created with its tenant
      const business = await gql(owner, CREATE_ORG, { i: { parentId: tenant.tenantId, type: 'BUSINESS', name: 'Second business' } });
      assert.ok(business.errors && business.errors.length > 0);
      assert.equal(await tenantVersion(), before + 3, 'refusals take no version');
    });
  });

  describe('secrets at rest', () => {
    it('no plaintext password, API key or refresh token is stored in any identity table', async () => {
      const secrets: string[] = [OWNER_PASSWORD, tenant.publicApiKey, tenant.secretApiKey, other.publicApiKey, other.secretApiKey];
      const password = 'Scan-me-password-42';
      await createUser(owner, { email: 'scan@acme.test', password, roleIds: [roles['agent']] });
      secrets.push(password);
      const key = await mutate(owner, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { id key } }`, {
        i: { applicationId: tenant.applicationId, name: 'scan key', roleId: roles['agent'] },
      });
      secrets.push(key['key'] as string);
      const rotated = await mutate(owner, `mutation($id: ID!, $at: DateTimeISO!) { rotateApiKey(id: $id, oldKeyExpiresAt: $at) { key } }`, {
        id: key['id'],
        at: new Date(Date.now() + 3600_000).toISOString(),
      });
      secrets.push(rotated['key'] as string);
      secrets.push((await mutate(owner, CREATE_APP, { i: { name: 'Scan app' } }))['publicKey'] as string);
      const session = (await signIn(tenant.tenantId, 'scan@acme.test', password))!;
      secrets.push(session.refreshToken);
      // a rotated refresh token keeps a sealed grace copy of the new pair: it must not be readable either
      const refreshed = await mutate(
        principalOf(tenant.tenantId, 'anonymous', null, []),
        `mutation($t: String!) { refreshSession(refreshToken: $t) { tokens { refreshToken } } }`,
        { t: session.refreshToken },
      );
      secrets.push((refreshed['tokens'] as Data)['refreshToken'] as string);
      const newPassword = 'Scan-me-changed-43';
      const me = principalOf(
        tenant.tenantId,
        'user',
        (await q<{ id: string }>(`SELECT id FROM users WHERE email = 'scan@acme.test'`))[0]!.id,
        [],
        session.sessionId,
      );
      assert.deepEqual(await mutate(me, CHANGE_PASSWORD, { c: password, n: newPassword }), { changed: true, errors: [] });
      secrets.push(newPassword);

      const columns = await q<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.data_type = 'ARRAY')
          ORDER BY c.table_name, c.column_name`,
      );
      const tables = new Set(columns.map((c) => c.table_name));
      for (const t of ['users', 'api_keys', 'refresh_tokens', 'sessions', 'outbox', 'roles', 'organisations', 'applications'])
        assert.ok(tables.has(t), `scanned ${t}`);
      let scannedValues = 0;
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        const rows = await q<{ v: string | null }>(`SELECT "${column}"::text AS v FROM "${table}"`);
        for (const { v } of rows) {
          if (v === null) continue;
          scannedValues++;
          for (const secret of secrets) {
            // the whole secret, and its random part without the well-known prefix
            const body = secret.replace(/^crm_(pk|sk|rt)_(live_|test_)?/, '');
            if (v.includes(secret) || v.includes(body)) found.push(`${table}.${column} holds ${secret.slice(0, 12)}…`);
          }
        }
      }
      assert.ok(scannedValues > 50, `scanned ${scannedValues} values`);
      assert.deepEqual(found, []);
      // and what is stored instead: argon2id hashes, keyed key hashes
      for (const { password_hash } of await q<{ password_hash: string }>(`SELECT password_hash FROM users`))
        assert.match(password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      for (const { key_hash } of await q<{ key_hash: string }>(`SELECT key_hash FROM api_keys`)) assert.match(key_hash, /^[0-9a-f]{64}$/);
    });
  });
});
