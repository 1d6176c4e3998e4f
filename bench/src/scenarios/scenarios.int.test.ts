import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signPrincipal } from '@crm/platform/auth';
import { createTestDatabase, testBackends } from '@crm/platform/testing';
import { startServices } from '../lib/services';
import { benchPorts, freePortBase } from '../lib/ports';
import { seedContacts } from '../lib/seed';
import { compareAnswers, HEAVY_OP, seedIdentity, SEED_USERS } from './s3';
import { compareVariants, s4Variants } from './s4';

const ROOT = resolve(__dirname, '../../..');
const backends = testBackends();
const multiProcess = !!backends.databaseUrl && backends.kafkaBrokers.length > 0;

/**
 * Smoke test of the S3 and S4 setups (no load): every service and contender starts, the three
 * gateways give the same answer to the heavy query, and the cache hit, the bypassed cache and the
 * in-memory baseline give the same page. Catches a broken bench before a long run does.
 */
test(
  'S3 and S4 setups answer correctly and identically',
  { skip: multiProcess ? false : 'needs DATABASE_URL and KAFKA_BROKERS (separate processes share the read side)' },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'crm-bench-smoke-'));
    const db = await createTestDatabase(backends.databaseUrl, 'bench');
    const secret = randomBytes(32).toString('hex');
    const tenant = `bench-smoke-${randomBytes(4).toString('hex')}`;
    const services = await startServices(
      ROOT,
      tmp,
      secret,
      { DATABASE_URL: db.url!, KAFKA_BROKERS: backends.kafkaBrokers.join(','), ...(backends.redisUrl ? { REDIS_URL: backends.redisUrl } : {}) },
      // its own ports and Kafka namespace: it runs beside `npm run bench` (or another smoke test)
      {
        identity: true,
        otherGateways: true,
        memoryRead: true,
        cpus: null,
        ports: benchPorts(await freePortBase()),
        kafkaNamespace: `bench-smoke-${randomBytes(4).toString('hex')}`,
        // the smoke test proves wiring, not start-up times: start what is independent at once
        startTogether: true,
      },
    );
    try {
      // the fewest contacts the heavy query pages through; the two domains seed side by side
      await Promise.all([
        seedContacts(services.gatewayUrl, tenant, HEAVY_OP.variables['first'] as number, 30_000),
        seedIdentity(services.gatewayUrl, tenant, 30_000),
      ]);
      const principal = signPrincipal({ tenantId: tenant, kind: 'user', subjectId: 'dev-user', permissions: ['*'] }, secret, 600);

      const s3 = await compareAnswers([
        { id: 'ours', name: 'ours', url: services.gatewayUrl, headers: () => ({ 'x-dev-tenant': tenant }), gatewayPid: services.gateway.pid },
        {
          id: 'apollo',
          name: 'apollo',
          url: services.apolloPlainUrl,
          headers: () => ({ 'x-crm-principal': principal }),
          gatewayPid: services.apolloPlain!.pid,
        },
        { id: 'hive', name: 'hive', url: services.hiveUrl, headers: () => ({ 'x-crm-principal': principal }), gatewayPid: services.hive!.pid },
        {
          id: 'hive-router',
          name: 'hive-router',
          url: services.hiveRouterUrl,
          headers: () => ({ 'x-crm-principal': principal }),
          gatewayPid: services.hiveRouter!.pid,
        },
      ]);
      assert.deepEqual(s3.problems, []);
      const data = s3.golden as { contacts: { nodes: unknown[] }; users: { roles: unknown[] }[]; roles: unknown[] };
      assert.equal(data.contacts.nodes.length, HEAVY_OP.variables['first']);
      assert.equal(data.users.length, SEED_USERS);
      assert.ok(
        data.users.every((u) => u.roles.length > 0),
        'every seeded user shows its roles',
      );

      const s4 = await compareVariants(
        {
          query: 'query BenchContacts($first: Int!) { contacts(first: $first) { nodes { id code displayName } } }',
          variables: { first: 20 },
          operationName: 'BenchContacts',
        },
        s4Variants({ readUrl: services.readUrl, memoryUrl: services.readMemoryUrl, principal: () => principal }),
      );
      assert.deepEqual(s4.problems, []);
      assert.equal((s4.golden as { contacts: { nodes: unknown[] } }).contacts.nodes.length, 20);
    } finally {
      await services.stop();
      await db.drop();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);
