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
const USER = '00000000-0000-4000-8000-000000000001';
const ROLE = '00000000-0000-4000-8000-000000000002';
const TEAM = '00000000-0000-4000-8000-000000000003';
const KEY = '00000000-0000-4000-8000-000000000004';
const APP = '00000000-0000-4000-8000-000000000005';

function history(tenantId: string): EventEnvelope[] {
  let seq = 0;
  const event = (type: string, aggregateType: string, aggregateId: string, aggregateVersion: number, data: unknown) =>
    ({
      id: `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      tenantId,
      aggregateType,
      aggregateId,
      aggregateVersion,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      data,
    }) as unknown as EventEnvelope;
  return [
    event('role.created', 'role', ROLE, 1, { name: 'agent', permissions: ['users.read'], builtIn: false }),
    event('team.created', 'team', TEAM, 1, { name: 'Sales' }),
    event('user.created', 'user', USER, 1, { email: 'a@x.example', firstName: 'A', lastName: null, roleIds: [ROLE], teamIds: [] }),
    event('role.updated', 'role', ROLE, 2, { permissions: ['users.read', 'contacts.read'] }),
    event('user.updated', 'user', USER, 2, { firstName: 'Ann', teamIds: [TEAM] }),
    event('team.renamed', 'team', TEAM, 2, { name: 'Sales EU' }),
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
    event('user.disabled', 'user', USER, 3, {}),
    event('api_key.revoked', 'api_key', KEY, 2, { reason: null }),
  ];
}

describe('identity projector batches (embedded database)', () => {
  let ds: DataSource;
  let projector: IdentityProjector;
  let views: IdentityViews;

  before(async () => {
    ds = await createDataSource({ ...databaseConfig({ DATA_DIR: '.data' }, logger), entities: [], migrate: true, inMemory: true });
    projector = new IdentityProjector(ds, logger);
    views = new IdentityViews(ds);
  });
  after(async () => ds.destroy());

  const snapshot = async (tenantId: string) => ({
    users: (await views.users(tenantId, 10, 0)).map(({ createdAt: _c, updatedAt: _u, ...u }) => u),
    roles: await views.roles(tenantId),
    teams: (await views.teams(tenantId)).map(({ createdAt: _c, updatedAt: _u, ...t }) => t),
    keys: (await views.apiKeys(tenantId)).map(({ createdAt: _c, ...k }) => k),
  });

  it('a consumed batch gives the same read models as the events one by one, and a redelivered batch changes nothing', async () => {
    for (const e of history('one-by-one')) await projector.handle(e);
    await projector.handleBatch(history('batched'));
    const expected = await snapshot('one-by-one');
    assert.deepEqual(await snapshot('batched'), expected);
    assert.equal(expected.users[0]?.status, 'DISABLED');
    assert.deepEqual(expected.users[0]?.teamIds, [TEAM]);
    assert.deepEqual(
      expected.teams.map((t) => t.name),
      ['Sales EU'],
    );
    assert.deepEqual(
      expected.keys.map((k) => k.revoked),
      [true],
    );

    const before = { ...projector.stats };
    await projector.handleBatch([...history('batched'), ...history('batched')]);
    assert.equal(projector.stats.applied, before.applied);
    assert.equal(projector.stats.duplicates - before.duplicates, 9);
    assert.deepEqual(await snapshot('batched'), expected);
    assert.equal(await views.appliedVersion('batched', 'user', USER), 3);
  });
});
