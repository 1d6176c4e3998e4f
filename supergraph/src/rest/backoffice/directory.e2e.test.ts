import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type HttpResult, type TestPlatform } from '../../testing/test-platform';
import { assertRestAnswer, exactCall } from '../../testing/rest-client';

/**
 * Back-office directory management through the REST facade on the real platform (NOTES §3.2,
 * §6): users, user roles, teams, secret keys and organisations, with real keys and tokens only
 * (no dev headers). Reads come from the identity read model, so they are polled (bounded).
 */

const BO = '/backoffice/v2';
const PASSWORD = 'Correct-Horse-Battery-9';

interface Tenant {
  tenantId: string;
  ownerUserId: string;
  applicationId: string;
  publicApiKey: string;
  secretApiKey: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('back-office directory through the REST facade', () => {
  let p: TestPlatform;
  let a: Tenant;
  let b: Tenant;
  let ownerA: Record<string, string>;
  let ownerB: Record<string, string>;
  let roles: Record<string, string>;

  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const r = await exactCall<T>(p.url, method, path, body, headers);
    assertRestAnswer(r, `${method} ${path}`);
    return r;
  }

  /** Polls a GET until `done` holds for its 200 body (the read model catches up). */
  async function until<T = any>(path: string, headers: Record<string, string>, done: (body: T) => boolean): Promise<T> {
    let last = '';
    for (let i = 0; i < 200; i++) {
      const r = await call<T>('GET', path, undefined, headers);
      last = `${r.status} ${r.text}`;
      if (r.status === 200 && done(r.body)) return r.body;
      await sleep(50);
    }
    assert.fail(`GET ${path} never reached the expected state: ${last}`);
  }

  async function signIn(tenant: Tenant, username: string, password = PASSWORD): Promise<Record<string, string>> {
    const r = await call('POST', `${BO}/users/authenticate`, { username, password }, { api_key: tenant.publicApiKey });
    assert.equal(r.status, 200, r.text);
    return bearer(r.body.access_token as string);
  }

  before(async () => {
    p = await startTestPlatform('rest-backoffice-directory');
    a = await p.identityWrite.createTenant({ name: 'Dir A', ownerEmail: 'owner@dir-a.example', ownerPassword: PASSWORD, applicationName: 'Dir A' });
    b = await p.identityWrite.createTenant({ name: 'Dir B', ownerEmail: 'owner@dir-b.example', ownerPassword: PASSWORD, applicationName: 'Dir B' });
    ownerA = await signIn(a, 'owner@dir-a.example');
    ownerB = await signIn(b, 'owner@dir-b.example');
    const list = await until<{ content: { id: string; name: string }[] }>(`${BO}/user_roles`, ownerA, (body) => body.content.length === 5);
    roles = Object.fromEntries(list.content.map((r) => [r.name, r.id]));
  });
  after(async () => p?.stop());

  it('creates teams and users, filters users by team and role, updates and disables them', async () => {
    const team = await call('POST', `${BO}/teams`, { name: 'Front desk' }, ownerA);
    assert.equal(team.status, 201, team.text);
    const teamId = team.body.id as string;
    // read-your-writes: the caller's next GET sees its own write without polling
    const fresh = await call('GET', `${BO}/teams/${teamId}`, undefined, ownerA);
    assert.deepEqual([fresh.status, fresh.body.name], [200, 'Front desk'], fresh.text);
    const other = await call('POST', `${BO}/teams`, { name: 'Back office' }, ownerA);
    assert.equal(other.status, 201, other.text);
    assert.equal((await call('POST', `${BO}/teams`, { name: 'FRONT DESK' }, ownerA)).status, 409);

    const created = await call(
      'POST',
      `${BO}/users`,
      { email: 'Agent@Dir-A.example', password: 'Agent-Password-123', first_name: 'Ada', user_roles: [roles['agent']], teams: [teamId] },
      ownerA,
    );
    assert.equal(created.status, 201, created.text);
    const userId = created.body.id as string;

    const filtered = await until<{ content: any[] }>(`${BO}/users?teams=${teamId}`, ownerA, (body) => body.content.length === 1);
    assert.deepEqual(
      { ...filtered.content[0], created_date: 0, updated_date: 0 },
      {
        id: userId,
        email: 'agent@dir-a.example',
        first_name: 'Ada',
        status: 'ACTIVE',
        roles: [{ id: roles['agent'], name: 'agent' }],
        teams: [{ id: teamId, name: 'Front desk' }],
        created_date: 0,
        updated_date: 0,
      },
    );
    const byRole = await call('GET', `${BO}/users?user_roles=${roles['owner']}`, undefined, ownerA);
    assert.deepEqual(
      (byRole.body.content as { id: string }[]).map((u) => u.id),
      [a.ownerUserId],
    );
    assert.equal((await call('GET', `${BO}/users?teams=${other.body.id}`, undefined, ownerA)).body.content.length, 0);
    assert.equal((await call('GET', `${BO}/users?teams=nope`, undefined, ownerA)).body.field, 'teams');

    // the new user signs in and reads the directory (agent holds users.read) but cannot manage it
    const agent = await signIn(a, 'agent@dir-a.example', 'Agent-Password-123');
    assert.equal((await call('GET', `${BO}/teams`, undefined, agent)).status, 200);
    assert.equal((await call('POST', `${BO}/teams`, { name: 'Mine' }, agent)).status, 403);
    assert.equal(
      (await call('POST', `${BO}/users`, { email: 'x@dir-a.example', password: 'Agent-Password-123', user_roles: [] }, agent)).status,
      403,
    );

    const updated = await call('PUT', `${BO}/users/${userId}`, { last_name: 'Lovelace', teams: [other.body.id] }, ownerA);
    assert.deepEqual([updated.status, updated.body], [200, { id: userId }], updated.text);
    const seen = await call('GET', `${BO}/users/${userId}`, undefined, ownerA);
    assert.deepEqual([seen.body.last_name, seen.body.teams.map((t: { id: string }) => t.id)], ['Lovelace', [other.body.id]], seen.text);
    await until(`${BO}/users/${userId}`, ownerA, (u: any) => u.last_name === 'Lovelace' && u.teams[0]?.name === 'Back office');
    const renamed = await call('PUT', `${BO}/teams/${other.body.id}`, { name: 'Back office 2' }, ownerA);
    assert.equal(renamed.status, 200, renamed.text);
    await until(`${BO}/teams/${other.body.id}`, ownerA, (t: any) => t.name === 'Back office 2');
    assert.equal((await call('DELETE', `${BO}/teams/${other.body.id}`, undefined, ownerA)).status, 409, 'a team with members');
    assert.equal((await call('DELETE', `${BO}/teams/${teamId}`, undefined, ownerA)).status, 204);
    assert.equal((await call('GET', `${BO}/teams/not-a-guid`, undefined, ownerA)).status, 404);

    const disabled = await call('DELETE', `${BO}/users/${userId}`, undefined, ownerA);
    assert.equal(disabled.status, 204, disabled.text);
    await until(`${BO}/users/${userId}`, ownerA, (u: any) => u.status === 'DISABLED');
    assert.equal(
      (
        await call(
          'POST',
          `${BO}/users/authenticate`,
          { username: 'agent@dir-a.example', password: 'Agent-Password-123' },
          { api_key: a.publicApiKey },
        )
      ).status,
      401,
    );
    assert.equal((await call('DELETE', `${BO}/users/${a.ownerUserId}`, undefined, ownerA)).status, 409, 'nobody disables themselves');
  });

  it('refuses bad and mass-assigning bodies with a 400 naming the field, changing nothing', async () => {
    const cases: [string, string, unknown, string][] = [
      [
        'POST',
        `${BO}/users`,
        { email: 'm@dir-a.example', password: 'Agent-Password-123', user_roles: [roles['agent']], tenant_id: b.tenantId },
        'tenant_id',
      ],
      ['POST', `${BO}/users`, { email: 'm@dir-a.example', password: 'Agent-Password-123', user_roles: [roles['agent']], status: 'ACTIVE' }, 'status'],
      [
        'POST',
        `${BO}/users`,
        { email: 'm@dir-a.example', password: 'Agent-Password-123', user_roles: [roles['agent']], permissions: ['*'] },
        'permissions',
      ],
      ['POST', `${BO}/users`, { email: 'm@dir-a.example', password: 'short', user_roles: [roles['agent']] }, 'password'],
      ['POST', `${BO}/users`, { email: 'm@dir-a.example', password: 'Agent-Password-123', user_roles: ['nope'] }, 'user_roles.0'],
      [
        'POST',
        `${BO}/users`,
        { email: 'm@dir-a.example', password: 'Agent-Password-123', user_roles: [roles['agent']], teams: [b.tenantId] },
        'teams.0',
      ],
      ['PUT', `${BO}/users/${a.ownerUserId}`, { version: 7 }, 'version'],
      ['POST', `${BO}/user_roles`, { name: 'Bad', permissions: ['contacts.delete'] }, 'permissions.0'],
      ['POST', `${BO}/user_roles`, { name: 'Bad', permissions: [], built_in: true }, 'built_in'],
      ['POST', `${BO}/teams`, { name: '' }, 'name'],
      ['POST', `${BO}/api_keys`, { application_id: a.applicationId, name: 'k', role_id: roles['admin'], mode: 'PROD' }, 'mode'],
      ['POST', `${BO}/api_keys`, { application_id: a.applicationId, name: 'k', role_id: roles['admin'], kind: 'public' }, 'kind'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await call(method, path, body, ownerA);
      assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.body.field, field, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
    }
    const users = await call('GET', `${BO}/users?size=100`, undefined, ownerA);
    assert.ok(!(users.body.content as { email: string }[]).some((u) => u.email === 'm@dir-a.example'), 'no user was created');
  });

  it('manages custom roles: create, read, update, delete (built-in roles are fixed)', async () => {
    const created = await call('POST', `${BO}/user_roles`, { name: 'Support', permissions: ['contacts.read', 'users.read'] }, ownerA);
    assert.equal(created.status, 201, created.text);
    const id = created.body.id as string;
    const role = await until(`${BO}/user_roles/${id}`, ownerA, () => true);
    assert.deepEqual(role, { id, name: 'Support', permissions: ['contacts.read', 'users.read'], is_built_in: false });
    assert.equal((await call('PUT', `${BO}/user_roles/${id}`, { permissions: ['contacts.read'] }, ownerA)).status, 200);
    await until(`${BO}/user_roles/${id}`, ownerA, (r: any) => r.permissions.length === 1);
    assert.equal((await call('PUT', `${BO}/user_roles/${roles['agent']}`, { name: 'boss' }, ownerA)).status, 409);
    assert.equal((await call('DELETE', `${BO}/user_roles/${roles['owner']}`, undefined, ownerA)).status, 409);
    assert.equal((await call('DELETE', `${BO}/user_roles/${id}`, undefined, ownerA)).status, 204);
    await until(`${BO}/user_roles`, ownerA, (body: any) => !body.content.some((r: { id: string }) => r.id === id));
    assert.equal((await call('GET', `${BO}/user_roles/${id}`, undefined, ownerA)).status, 404);
  });

  it('creates, lists (masked), rotates and revokes secret keys; the keys work and stop working', async () => {
    const created = await call('POST', `${BO}/api_keys`, { application_id: a.applicationId, name: 'ci', role_id: roles['read_only'] }, ownerA);
    assert.equal(created.status, 201, created.text);
    const { id, key, masked_key } = created.body as { id: string; key: string; masked_key: string };
    assert.match(key, /^crm_sk_live_/);
    assert.equal(masked_key, `crm_sk_live_...${key.slice(-4)}`);
    // the key acts with its role: reads contacts, may not write them
    assert.equal((await call('GET', `${BO}/contacts`, undefined, { api_key: key })).status, 200);
    assert.equal((await call('POST', `${BO}/contacts`, { contact_type: 'PERSON', first_name: 'N' }, { api_key: key })).status, 403);
    const listed = await until<{ content: any[] }>(`${BO}/api_keys`, ownerA, (body) => body.content.some((k) => k.id === id));
    assert.ok(!JSON.stringify(listed).includes(key), 'the list never shows a key');
    assert.deepEqual(
      { ...listed.content.find((k) => k.id === id), created_date: 0 },
      {
        id,
        application_id: a.applicationId,
        type: 'SECRET',
        mode: 'LIVE',
        name: 'ci',
        masked_key,
        role_id: roles['read_only'],
        created_date: 0,
        is_revoked: false,
      },
    );

    // rotation: the replacement works at once, the old key until its expiry
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    const rotated = await call('POST', `${BO}/api_keys/${id}/rotate`, { old_key_expiration_date: expiry }, ownerA);
    assert.equal(rotated.status, 201, rotated.text);
    assert.notEqual(rotated.body.key, key);
    assert.equal((await call('GET', `${BO}/contacts`, undefined, { api_key: rotated.body.key })).status, 200);
    assert.equal((await call('GET', `${BO}/contacts`, undefined, { api_key: key })).status, 200);
    await until(`${BO}/api_keys`, ownerA, (body: any) => body.content.find((k: any) => k.id === id)?.expiration_date === expiry);

    // revocation: 204, then the key is refused (the gateway drops it on the event)
    assert.equal((await call('DELETE', `${BO}/api_keys/${rotated.body.id}`, undefined, ownerA)).status, 204);
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      refused = (await call('GET', `${BO}/contacts`, undefined, { api_key: rotated.body.key })).status === 401;
      if (!refused) await sleep(50);
    }
    assert.ok(refused, 'a revoked key is refused');
    // another tenant's owner can neither see nor revoke our keys
    assert.ok(!JSON.stringify((await call('GET', `${BO}/api_keys`, undefined, ownerB)).body).includes(id));
    assert.equal((await call('DELETE', `${BO}/api_keys/${id}`, undefined, ownerB)).status, 404);
    assert.equal((await call('GET', `${BO}/contacts`, undefined, { api_key: key })).status, 200, 'still working');
  });

  it("another tenant's owner cannot read or change our users, roles and teams", async () => {
    const team = await call('POST', `${BO}/teams`, { name: 'Private' }, ownerA);
    await until(`${BO}/teams/${team.body.id}`, ownerA, () => true);
    assert.equal((await call('GET', `${BO}/users/${a.ownerUserId}`, undefined, ownerB)).status, 404);
    assert.equal((await call('PUT', `${BO}/users/${a.ownerUserId}`, { first_name: 'Mallory' }, ownerB)).status, 404);
    assert.equal((await call('DELETE', `${BO}/users/${a.ownerUserId}`, undefined, ownerB)).status, 404);
    assert.equal((await call('GET', `${BO}/teams/${team.body.id}`, undefined, ownerB)).status, 404);
    assert.equal((await call('PUT', `${BO}/teams/${team.body.id}`, { name: 'Mine' }, ownerB)).status, 404);
    assert.equal((await call('GET', `${BO}/user_roles/${roles['agent']}`, undefined, ownerB)).status, 404);
    assert.equal((await call('PUT', `${BO}/user_roles/${roles['agent']}`, { name: 'x' }, ownerB)).status, 404);
    const me = await call('GET', `${BO}/users/${a.ownerUserId}`, undefined, ownerA);
    assert.equal(me.body.first_name, 'Owner', 'unchanged');
    assert.equal((await call('GET', `${BO}/teams/${team.body.id}`, undefined, ownerA)).body.name, 'Private');
  });

  it('lists the organisations of the business', async () => {
    const orgs = await until<{ content: any[] }>(`${BO}/organisations`, ownerA, (body) => body.content.length >= 1);
    const business = orgs.content.find((o) => o.type === 'BUSINESS');
    assert.equal(business?.id, a.tenantId);
    assert.equal(business?.name, 'Dir A');
    assert.equal((await call('GET', `${BO}/organisations/${a.tenantId}`, undefined, ownerA)).body.name, 'Dir A');
    assert.equal((await call('GET', `${BO}/organisations/${a.tenantId}`, undefined, ownerB)).status, 404);
  });
});
