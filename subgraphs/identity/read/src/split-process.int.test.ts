// identity-read as Kubernetes runs it: a projector process (PROCESS_ROLE=projector) and an API
// process (PROCESS_ROLE=api) sharing the bus and the cache (Redis when REDIS_URL is set). The API
// serves its hot reads (the signed-in user, roles, teams) from the cache, and the projector's
// commits invalidate them.
import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { PRINCIPAL_HEADER, signPrincipal } from '@crm/platform/auth';
import { createCache, MemoryCache, type Cache } from '@crm/platform/cache';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { createEventBus, registry, toBusMessage, type EventBus, type EventEnvelope } from '@crm/event-bus';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { deleteNamespace, tagsSetEvent, waitFor } from '@crm/event-bus/testing';
import { parseConfig } from './env';
import { startIdentityRead, type IdentityReadService } from './service';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const secret = randomBytes(32).toString('hex');
const tenantId = `t_${randomUUID().slice(0, 8)}`;
const USER = randomUUID();
const ROLE = randomUUID();

/** An identity event envelope of the test tenant (the bus test kit's envelope with identity fields). */
const identityEvent = (type: string, aggregateType: string, aggregateId: string, version: number, data: unknown): EventEnvelope =>
  tagsSetEvent(aggregateId, version, { type, tenantId, aggregateType, data });

describe('identity-read split into a projector process and an API process', () => {
  const namespace = `t${randomUUID().slice(0, 10)}`;
  let db: TestDatabase;
  let bus: EventBus;
  const caches: Cache[] = [];
  let projector: IdentityReadService;
  let api: IdentityReadService;

  const config = (role: 'api' | 'projector') =>
    parseConfig({
      DATABASE_URL: db.url,
      PROCESS_ROLE: role,
      IDENTITY_READ_PORT: '0',
      INTERNAL_AUTH_SECRET: secret,
      CONSISTENCY_WAIT_MS: '3000',
      READY_CATCH_UP_TIMEOUT_MS: '0',
    });
  // two processes: each its own Redis client on the same Redis; embedded, one shared in-memory cache
  const shared = new MemoryCache();
  const cacheOf = async () => {
    if (!backends.redisUrl) return shared;
    const cache = await createCache(backends.redisUrl, logger, true);
    caches.push(cache);
    return cache;
  };

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'identity_split');
    bus = await createEventBus({ brokers: backends.kafkaBrokers, clientId: 'identity-split-test', registry, logger, namespace });
    const inMemoryDb = db.url ? false : `identity-split-${randomUUID()}`;
    projector = await startIdentityRead(config('projector'), { bus, logger, cache: await cacheOf(), inMemoryDb });
    api = await startIdentityRead({ ...config('api'), DB_MIGRATE: false }, { bus, logger, cache: await cacheOf(), inMemoryDb });
  });
  after(async () => {
    await api?.stop();
    await projector?.stop();
    for (const c of caches) await c.close();
    await bus?.close();
    await deleteNamespace(backends.kafkaBrokers, namespace);
    await db?.drop();
  });

  const me = async (headers: Record<string, string> = {}) => {
    const token = signPrincipal({ tenantId, kind: 'user', subjectId: USER, permissions: [] }, secret);
    const res = await fetch(`${api.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: token, ...headers },
      body: JSON.stringify({ query: '{ me { id email firstName roles { name } } }' }),
    });
    const body = (await res.json()) as { data?: { me: { id: string; email: string; firstName: string | null; roles: { name: string }[] } | null } };
    return body.data?.me ?? null;
  };

  it('the projector process serves probes only; the API process does not consume', async () => {
    assert.equal(projector.subscription?.isRunning(), true);
    assert.equal(api.subscription, null);
    assert.equal((await fetch(`${projector.http.url}/graphql`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${projector.http.url}/healthz`)).status, 200);
  });

  it('the API serves the signed-in user from the cache until the projector changes the tenant', async () => {
    await bus.publish([
      toBusMessage(IDENTITY_TOPIC, identityEvent('role.created', 'role', ROLE, 1, { name: 'agent', permissions: ['users.read'], builtIn: false })),
      toBusMessage(
        IDENTITY_TOPIC,
        identityEvent('user.created', 'user', USER, 1, { email: 'ann@example.com', firstName: 'Ann', lastName: null, roleIds: [ROLE], teamIds: [] }),
      ),
    ]);
    await waitFor('the user projected and read through the API', 60_000, async () => (await me()) !== null);
    assert.deepEqual(await me(), { id: USER, email: 'ann@example.com', firstName: 'Ann', roles: [{ name: 'agent' }] });

    // a change behind the projector's back (no event): the API keeps answering from its cache
    await projector.dataSource.query(`UPDATE user_views SET email = 'changed@example.com' WHERE tenant_id = $1 AND id = $2`, [tenantId, USER]);
    await projector.dataSource.query(`UPDATE role_views SET name = 'renamed' WHERE tenant_id = $1 AND id = $2`, [tenantId, ROLE]);
    assert.deepEqual(await me(), { id: USER, email: 'ann@example.com', firstName: 'Ann', roles: [{ name: 'agent' }] });
    // a request carrying a consistency token reads the database
    const consistent = await me({ 'x-consistency-token': `user:${USER}:1` });
    assert.equal(consistent?.email, 'changed@example.com');

    // the projector (another process) applies an event of the tenant: the API's cached reads are stale at once
    await bus.publish([toBusMessage(IDENTITY_TOPIC, identityEvent('user.updated', 'user', USER, 2, { firstName: 'Anna' }))]);
    await waitFor('the update visible through the API', 60_000, async () => (await me())?.firstName === 'Anna');
    assert.deepEqual(await me(), { id: USER, email: 'changed@example.com', firstName: 'Anna', roles: [{ name: 'renamed' }] });
  });

  it('the API follows the projector group: no lag once the projector applied everything', async () => {
    await waitFor('the API process sees the projector group caught up', 60_000, () => api.lag() === 0 && projector.lag() === 0);
    assert.equal(api.freshness().pendingEvents, 0);
  });
});
