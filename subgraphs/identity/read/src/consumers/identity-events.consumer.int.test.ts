import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { createLogger } from '@crm/platform/logging';
import { createDataSource } from '@crm/platform/db';
import type { EventEnvelope } from '@crm/event-bus';
import { databaseConfig } from '../persistence/database';
import { IdentityViews } from '../persistence/identity-views';
import { IdentityProjector } from './identity-events.consumer';

const logger = createLogger('identity-read-test', 'silent');
const T = 'tenant-a';
const USER = '00000000-0000-4000-8000-000000000001';
const ROLE = '00000000-0000-4000-8000-000000000002';
const KEY = '00000000-0000-4000-8000-000000000003';
const APP = '00000000-0000-4000-8000-000000000004';

let seq = 0;
function event(type: string, aggregateType: string, aggregateId: string, aggregateVersion: number, data: unknown, tenantId = T): EventEnvelope {
  seq++;
  return {
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    tenantId,
    aggregateType,
    aggregateId,
    aggregateVersion,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    data,
  } as unknown as EventEnvelope;
}

describe('identity projector (embedded database)', () => {
  let ds: DataSource;
  let projector: IdentityProjector;
  let views: IdentityViews;

  before(async () => {
    ds = await createDataSource({ ...databaseConfig({ DATA_DIR: '.data' }, logger), entities: [], migrate: true, inMemory: true });
    projector = new IdentityProjector(ds, logger);
    views = new IdentityViews(ds);
  });
  after(async () => ds.destroy());

  it('projects users, roles and keys, skipping versions already applied', async () => {
    const events = [
      event('role.created', 'role', ROLE, 1, { name: 'agent', permissions: ['users.read'], builtIn: true }),
      event('user.created', 'user', USER, 1, { email: 'a@x.example', firstName: 'A', lastName: null, roleIds: [ROLE], teamIds: [] }),
      event('user.updated', 'user', USER, 2, { firstName: 'Ann' }),
      event('api_key.created', 'api_key', KEY, 1, {
        applicationId: APP,
        kind: 'secret',
        env: 'live',
        name: 'k',
        prefix: 'sk_live_',
        last4: 'wxyz',
        roleId: ROLE,
        expiresAt: null,
      }),
      event('api_key.revoked', 'api_key', KEY, 2, { reason: null }),
    ];
    for (const e of events) await projector.handle(e);
    // redelivery of everything (and a stale update) changes nothing
    for (const e of events) await projector.handle(e);
    await projector.handle(event('user.updated', 'user', USER, 2, { firstName: 'Stale' }));
    assert.equal(projector.stats.applied, 5);
    assert.equal(projector.stats.duplicates, 6);

    const [user] = await views.users(T, 10, 0);
    assert.equal(user?.firstName, 'Ann');
    assert.deepEqual(user?.roleIds, [ROLE]);
    assert.equal(user?.status, 'ACTIVE');
    const [key] = await views.apiKeys(T);
    assert.equal(key?.masked, 'sk_live_...wxyz');
    assert.equal(key?.revoked, true);
    assert.equal((await views.roles(T)).length, 1);
    // another tenant sees nothing
    assert.deepEqual(await views.users('tenant-b', 10, 0), []);
    assert.deepEqual(await views.apiKeys('tenant-b'), []);
    assert.equal(await views.user('tenant-b', USER), null);
  });

  it('projects teams and the teams of users; users filter by any of several teams or roles', async () => {
    const TEAM_1 = '00000000-0000-4000-8000-0000000000a1';
    const TEAM_2 = '00000000-0000-4000-8000-0000000000a2';
    const USER_2 = '00000000-0000-4000-8000-0000000000b2';
    const events = [
      event('team.created', 'team', TEAM_1, 1, { name: 'Sales' }),
      event('team.created', 'team', TEAM_2, 1, { name: 'Ops' }),
      event('user.created', 'user', USER_2, 1, { email: 'b@x.example', firstName: null, lastName: null, roleIds: [], teamIds: [TEAM_1] }),
      event('user.updated', 'user', USER_2, 2, { teamIds: [TEAM_1, TEAM_2] }),
      event('team.renamed', 'team', TEAM_1, 2, { name: 'Sales EU' }),
    ];
    for (const e of [...events, ...events]) await projector.handle(e);
    assert.deepEqual(
      (await views.teams(T)).map((t) => t.name),
      ['Ops', 'Sales EU'],
    );
    assert.deepEqual((await views.user(T, USER_2))?.teamIds, [TEAM_1, TEAM_2]);
    assert.deepEqual(
      (await views.users(T, 10, 0, { teamIds: [TEAM_2] })).map((u) => u.id),
      [USER_2],
    );
    assert.deepEqual(
      (await views.users(T, 10, 0, { teamIds: ['00000000-0000-4000-8000-0000000000ff', TEAM_1] })).map((u) => u.id),
      [USER_2],
    );
    assert.deepEqual(
      (await views.users(T, 10, 0, { roleIds: [ROLE] })).map((u) => u.id),
      [USER],
    );
    assert.deepEqual(await views.users(T, 10, 0, { roleIds: [ROLE], teamIds: [TEAM_1] }), []);
    assert.deepEqual(await views.teams('tenant-b'), []);
    assert.equal(await views.team('tenant-b', TEAM_1), null);
    await projector.handle(event('user.updated', 'user', USER_2, 3, { teamIds: [TEAM_2] }));
    await projector.handle(event('team.deleted', 'team', TEAM_1, 3, {}));
    assert.equal(await views.team(T, TEAM_1), null);
    assert.deepEqual(
      (await views.teams(T)).map((t) => t.name),
      ['Ops'],
    );
  });

  it('projects the configured sign-in providers without secrets; a removal deletes, a late redelivery does not resurrect', async () => {
    const P = '00000000-0000-4000-8000-000000000005';
    const configured = (version: number, clientId: string) =>
      event('identity_provider.configured', 'identity_provider', P, version, {
        kind: 'OIDC',
        type: 'corp',
        issuer: 'https://idp.example.com',
        graphBaseUrl: null,
        clientId,
        redirectUris: ['https://app.example.com/cb'],
        scopes: null,
        hasSecret: true,
      });
    await projector.handle(configured(1, 'client-1'));
    await projector.handle(configured(2, 'client-2'));
    const [view] = await views.identityProviders(T);
    assert.deepEqual(
      { ...view, updatedAt: null },
      {
        id: P,
        kind: 'OIDC',
        type: 'corp',
        issuer: 'https://idp.example.com',
        graphBaseUrl: null,
        clientId: 'client-2',
        redirectUris: ['https://app.example.com/cb'],
        scopes: null,
        hasSecret: true,
        updatedAt: null,
      },
    );
    assert.deepEqual(await views.identityProviders('tenant-b'), []);
    await projector.handle(event('identity_provider.removed', 'identity_provider', P, 3, { kind: 'OIDC', type: 'corp' }));
    await projector.handle(configured(2, 'client-2'));
    assert.deepEqual(await views.identityProviders(T), []);
  });
});
