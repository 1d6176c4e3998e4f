// L1 (reliability matrix): SIGTERM to a real contacts-read process under load: /readyz turns false
// first while requests are still served, every in-flight request completes, the process exits 0.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { MemoryCache } from '@crm/platform/cache';
import { PRINCIPAL_HEADER, signPrincipal } from '@crm/platform/auth';
import { createTestDatabase, startServiceProcess, testBackends, type ServiceProcess, type TestDatabase } from '@crm/platform/testing';
import { ContactsProjector } from './consumers/contacts-events.consumer';
import { databaseConfig } from './persistence/database';
import { contactCreated, tagsSet } from './testing/contact-events';
import { KafkaBus, registry, toBusMessage } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';

const backends = testBackends();
const logger = pino({ level: 'silent' });
const LONG = process.env['CRM_LONG_TESTS'] === '1';

if (backends.databaseUrl) {
  describe('graceful shutdown of a real contacts-read process (L1)', () => {
    const secret = randomBytes(32).toString('hex');
    const tenantId = `t_${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 5 }, () => randomUUID());
    let db: TestDatabase;
    let dataSource: DataSource;

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'shutdown');
      dataSource = await createDataSource({ ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger), entities: [], migrate: true });
      const projector = new ContactsProjector(dataSource, new MemoryCache(), 60, logger);
      for (const [n, id] of ids.entries()) await projector.handle(contactCreated(tenantId, id, n));
    });
    after(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    function startChild(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
      return startServiceProcess(join(__dirname, 'main.js'), {
        DATABASE_URL: db.url!,
        KAFKA_BROKERS: '',
        REDIS_URL: '',
        INTERNAL_AUTH_SECRET: secret,
        CONTACTS_READ_PORT: '0',
        CONSISTENCY_WAIT_MS: '1500',
        SHUTDOWN_DELAY_MS: '2000',
        LOG_LEVEL: 'info',
        ...extraEnv,
      });
    }

    it('SIGTERM under load: readiness false first, every in-flight and routed request answered, exit 0', async () => {
      const { child, url, exited } = await startChild();
      const token = signPrincipal({ tenantId, kind: 'user', subjectId: 'u1', permissions: ['contacts.read'] }, secret);
      const gql = (query: string, extra: Record<string, string> = {}) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: token, ...extra },
          body: JSON.stringify({ query }),
        });

      const ready: (number | 'closed')[] = [];
      let lastReady: number | 'closed' = 0;
      const poller = (async () => {
        while (lastReady !== 'closed') {
          try {
            lastReady = (await fetch(`${url}/readyz`)).status;
          } catch {
            lastReady = 'closed';
          }
          ready.push(lastReady);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      while (lastReady !== 200) await new Promise((r) => setTimeout(r, 10));

      // a load balancer: routes requests here only while /readyz says 200
      const routed = { ok: 0, failed: [] as string[] };
      const balancer = (async () => {
        while (lastReady === 200) {
          try {
            const r = await gql('{ contacts(first: 10, includeTotal: true) { totalCount } }');
            const body = (await r.json()) as { data?: { contacts?: { totalCount: number } } };
            if (r.status === 200 && body.data?.contacts?.totalCount === ids.length) routed.ok++;
            else routed.failed.push(`${r.status} ${JSON.stringify(body).slice(0, 200)}`);
          } catch (err) {
            routed.failed.push(`${String(err)} ${String((err as { cause?: unknown }).cause)} ready=${String(lastReady)}`);
          }
        }
      })();
      // slow requests in flight at SIGTERM: each waits 1.5 s for a version that never comes
      const slowCount = LONG ? 50 : 10;
      const slow = Array.from({ length: slowCount }, async (_, i) => {
        const id = ids[i % ids.length]!;
        const r = await gql(`{ contact(id: "${id}") { id } }`, { 'x-consistency-token': `contact:${id}:99` });
        const body = (await r.json()) as { data?: { contact?: { id: string } } };
        return r.status === 200 && body.data?.contact?.id === id;
      });
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      const slowResults = await Promise.allSettled(slow);
      await balancer;
      const code = await exited;
      await poller;

      const firstNotReady = ready.indexOf(503);
      if (firstNotReady < 0) console.log(`child log: ${(child as unknown as { log: () => string }).log?.()}`);
      const firstClosed = ready.indexOf('closed');
      console.log(
        `L1: ${slowCount} in-flight at SIGTERM, ${slowResults.filter((r) => r.status === 'fulfilled' && r.value).length} answered; ${routed.ok} routed requests ok, ${routed.failed.length} failed; readyz ${JSON.stringify(ready.filter((s, i) => s !== ready[i - 1]))}; exit ${code}`,
      );
      assert.ok(
        firstNotReady > 0 && (firstClosed === -1 || firstNotReady < firstClosed),
        `readiness turned false while still serving: ${JSON.stringify(ready)}`,
      );
      assert.deepEqual(
        slowResults.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason))),
        slowResults.map(() => true),
        'every request in flight at SIGTERM completed',
      );
      assert.deepEqual(routed.failed, [], 'no request routed while ready failed');
      assert.ok(routed.ok > 0);
      assert.equal(code, 0, 'clean exit');
    });

    it(
      'SIGTERM while the projector consumes from Kafka: no event lost, a restarted process finishes the stream',
      { skip: backends.kafkaBrokers.length === 0 },
      async () => {
        const namespace = `t${randomUUID().slice(0, 10)}`;
        const bus = new KafkaBus({ brokers: backends.kafkaBrokers, clientId: 'shutdown-test', partitions: 4, namespace }, registry, logger);
        await bus.ensureTopics([CONTACTS_TOPIC]);
        const contacts = Array.from({ length: LONG ? 400 : 100 }, () => randomUUID());
        const env = { KAFKA_BROKERS: backends.kafkaBrokers.join(','), KAFKA_NAMESPACE: namespace, SHUTDOWN_DELAY_MS: '0' };
        const projected = async () =>
          Number(
            (
              (await dataSource.query(`SELECT count(*)::int AS n FROM contact_views WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND version = 3`, [
                tenantId,
                contacts,
              ])) as { n: number }[]
            )[0]?.n ?? 0,
          );
        const touched = async () =>
          Number(
            (
              (await dataSource.query(`SELECT count(*)::int AS n FROM contact_views WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
                tenantId,
                contacts,
              ])) as { n: number }[]
            )[0]?.n ?? 0,
          );
        try {
          const first = await startChild(env);
          // publish the stream in small batches while the first process projects it
          const publisher = (async () => {
            for (let version = 1; version <= 3; version++) {
              for (let i = 0; i < contacts.length; i += 10) {
                const batch = contacts
                  .slice(i, i + 10)
                  .map((id, j) =>
                    toBusMessage(
                      CONTACTS_TOPIC,
                      version === 1 ? contactCreated(tenantId, id, 5000 + i + j) : tagsSet(tenantId, id, version, [`v${version}`]),
                    ),
                  );
                await bus.publish(batch);
                await new Promise((r) => setTimeout(r, 15));
              }
            }
          })();
          const deadline = Date.now() + 60_000;
          while ((await touched()) < contacts.length / 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
          first.child.kill('SIGTERM');
          assert.equal(await first.exited, 0, 'clean exit mid-stream');
          const atStop = await projected();
          await publisher;
          const second = await startChild(env);
          while ((await projected()) < contacts.length && Date.now() < deadline + 60_000) await new Promise((r) => setTimeout(r, 50));
          const done = await projected();
          second.child.kill('SIGTERM');
          assert.equal(await second.exited, 0);
          console.log(
            `L1 events: ${contacts.length * 3} events; ${atStop} contacts complete when the first process stopped; ${done}/${contacts.length} at version 3 after the restart`,
          );
          assert.equal(done, contacts.length, 'every event applied: no contact stuck behind a lost event');
        } finally {
          await bus.close();
        }
      },
    );
  });
}
