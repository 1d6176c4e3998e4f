// C1 (reliability matrix): the outbox relay, in its own process, is SIGKILLed again and again
// while thousands of changes commit across many aggregates; every committed change must reach
// Kafka at least once, in order per aggregate. Short variant in every CI run; CRM_LONG_TESTS=1
// runs the matrix's full numbers. Replay a run with FAULT_SEED=<seed printed by the test>.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { checkHistory, faultSeed, formatHistoryReport, seededRandom, startProcessKiller, type HistoryEvent } from '@crm/platform/testing/faults';
import { registry } from '../contracts';
import { CONTACTS_TOPIC } from '../contracts/contacts';
import { KafkaBus } from '../kafka/kafka-bus';
import type { Subscription } from '../ports';
import { OUTBOX_MIGRATIONS } from './outbox-migration';
import { appendToOutbox } from './outbox-writer';
import { sleep, tagsSetEvent, waitFor } from '../testing/bus-test-kit';
import { deleteNamespace } from '../testing/kafka-namespace';
import { observeStream } from '../testing/stream-observer';
import type { RelayWorkerConfig } from '../testing/relay-worker';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long ? { writes: 10_000, aggregates: 1_000, kills: 20 } : { writes: 2_000, aggregates: 200, kills: 5 };
const LANES = 4;
const SCHEMA = 'contacts_write';

describe(
  'C1: outbox relay SIGKILLed under load',
  { skip: (!backends.databaseUrl || backends.kafkaBrokers.length === 0) && 'needs PostgreSQL and Kafka' },
  () => {
    let db: TestDatabase;
    let ds: DataSource;
    let bus: KafkaBus;
    let sub: Subscription | undefined;
    const namespace = `c1-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'relay_faults');
      ds = await createDataSource({
        service: 'c1-test',
        dataDir: '.data',
        schema: SCHEMA,
        entities: [],
        migrations: OUTBOX_MIGRATIONS,
        migrate: true,
        databaseUrl: db.url,
        poolSize: LANES + 2,
        logger,
      });
      bus = new KafkaBus({ brokers: backends.kafkaBrokers, clientId: 'c1-observer', partitions: 8, namespace }, registry, logger);
      await bus.ensureTopics([CONTACTS_TOPIC]);
    });
    after(async () => {
      await sub?.stop().catch(() => undefined);
      await bus?.close();
      await deleteNamespace(backends.kafkaBrokers, namespace);
      await ds?.destroy();
      await db?.drop();
    });

    it(`${SCALE.writes}+ writes over ${SCALE.aggregates} aggregates, ${SCALE.kills} SIGKILLs: 0 missing, per-aggregate order kept`, async (t) => {
      const seed = faultSeed('C1 relay kills');
      const rnd = seededRandom(seed);
      const { observed, ids: seenIds, subscription } = await observeStream(bus, 'c1.observer', [CONTACTS_TOPIC]);
      sub = subscription;

      const worker: RelayWorkerConfig = { databaseUrl: db.url!, schema: SCHEMA, brokers: backends.kafkaBrokers, namespace, batchSize: 50 };
      const chaos = startProcessKiller({
        command: process.execPath,
        args: [join(__dirname, '../testing/relay-worker.js'), JSON.stringify(worker)],
        seed,
        kills: SCALE.kills,
        uptimeMs: [200, 1200],
        signals: ['SIGKILL'],
        readyLine: /^relay ready$/,
      });

      // LANES concurrent writers; each owns its aggregates, so versions commit in order per aggregate
      const aggregates = Array.from({ length: SCALE.aggregates }, () => randomUUID());
      const versions = new Map<string, number>();
      let writes = 0;
      let killerDone = false;
      void chaos.finished.then(() => (killerDone = true));
      const lane = async (l: number) => {
        const mine = aggregates.filter((_, i) => i % LANES === l);
        while (writes < SCALE.writes || (!killerDone && writes < SCALE.writes * 4)) {
          const id = mine[Math.floor(rnd() * mine.length)]!;
          const v = (versions.get(id) ?? 0) + 1;
          versions.set(id, v);
          await ds.transaction(async (m) => {
            // a test database: skip the WAL flush wait per commit (visibility and order are unchanged)
            await m.query('SET LOCAL synchronous_commit = off');
            await appendToOutbox(m, registry, [tagsSetEvent(id, v)]);
          });
          writes++;
          if (killerDone && writes >= SCALE.writes) break;
          if (!killerDone && writes >= SCALE.writes) await sleep(5); // keep committing until the last kill
        }
      };
      const writeStart = Date.now();
      await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
      const writeMs = Date.now() - writeStart;
      await chaos.finished;
      const lastFault = Date.now();

      const [{ n: committed } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox`)) as { n: number }[];
      assert.equal(committed, writes);
      try {
        await waitFor('the outbox to drain and every event to be consumed', 90_000, async () => {
          const [{ n } = { n: 1 }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[];
          return n === 0 && seenIds.size >= writes;
        });
      } catch (err) {
        t.diagnostic(chaos.tail());
        throw err;
      }
      const recoveryMs = Date.now() - lastFault;
      await sleep(300);
      await chaos.stop();

      const written = (await ds.query(
        `SELECT message_key AS "aggregateId", (payload->>'aggregateVersion')::int AS version FROM outbox ORDER BY id`,
      )) as HistoryEvent[];
      const report = checkHistory(written, observed, { duplicates: 'allowed' });
      const figures = {
        seed,
        writes,
        aggregates: SCALE.aggregates,
        kills: chaos.kills.length,
        uptimesMs: chaos.kills.map((k) => k.uptimeMs),
        writeMs,
        delivered: observed.length,
        duplicates: report.duplicateCount,
        missing: report.missing.length,
        orderViolations: report.orderViolations.length,
        recoveryMs,
      };
      t.diagnostic(`C1 figures: ${JSON.stringify(figures)}`);
      assert.equal(chaos.kills.length, SCALE.kills);
      assert.ok(
        chaos.kills.every((k) => k.exitSignal === 'SIGKILL'),
        'every kill was a SIGKILL',
      );
      assert.ok(report.ok, formatHistoryReport(report));
      assert.equal(report.missing.length, 0);
      assert.equal(report.orderViolations.length, 0);
    });
  },
);
