// C4/C5 (reliability matrix): the broker itself dies under load: a hard kill (SIGKILL) and, in the
// long variant, also a graceful restart, of a real Kafka broker this test owns (its own ports and
// data, so the shared broker is never touched). The outbox relay keeps committing changes through
// it and a consumer group keeps reading: 0 acknowledged events may go missing, and both must
// recover without any manual action. CRM_LONG_TESTS=1 runs bigger numbers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { checkHistory, formatHistoryReport, type HistoryEvent } from '@crm/platform/testing/faults';
import { registry } from '../contracts';
import { CONTACTS_TOPIC } from '../contracts/contacts';
import { CreateOutbox1733000000000 } from '../outbox/outbox-migration';
import { appendToOutbox } from '../outbox/outbox-writer';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { Subscription } from '../ports';
import { sleep, tagsSetEvent, waitFor } from '../testing/bus-test-kit';
import { startTestBroker, type TestBroker } from '../testing/test-broker';
import { KafkaBus } from './kafka-bus';

const backends = testBackends();
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long ? { aggregates: 500, perPhase: 2_000, faults: ['kill', 'restart', 'kill'] as const } : { aggregates: 100, perPhase: 300, faults: ['kill'] as const };

/** Counts warnings and errors the relay and kafkajs log: producer errors must surface, not vanish. */
function countingLogger() {
  const counts = { relayPublishFailures: 0, errors: 0 };
  const logger = pino({ level: 'warn' }, {
    write(line: string) {
      if (line.includes('outbox relay: publish failed')) counts.relayPublishFailures++;
      else counts.errors++;
    },
  });
  return { logger, counts };
}

describe('C4/C5: Kafka broker hard-killed and restarted under load', { skip: (!backends.databaseUrl || backends.kafkaBrokers.length === 0) && 'needs PostgreSQL and the Kafka tooling' }, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let broker: TestBroker;
  let producerBus: KafkaBus;
  let consumerBus: KafkaBus;
  let relay: OutboxRelay;
  let sub: Subscription | undefined;
  const { logger, counts } = countingLogger();

  before(async () => {
    broker = await startTestBroker({ baseEnv: process.env, libs: process.env['KAFKA_LIBS'] });
    db = await createTestDatabase(backends.databaseUrl, 'broker_restart');
    ds = await createDataSource({ service: 'c5-test', dataDir: '.data', schema: 'contacts_write', entities: [], migrations: [CreateOutbox1733000000000], migrate: true, databaseUrl: db.url, poolSize: 4, logger });
    producerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'c5-relay', partitions: 4 }, registry, logger);
    consumerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'c5-consumer', partitions: 4 }, registry, logger);
    await producerBus.ensureTopics([CONTACTS_TOPIC]);
    relay = new OutboxRelay(ds, producerBus, logger, { name: 'c5', batchSize: 50, pollIntervalMs: 20 });
  });
  after(async () => {
    await relay?.stop();
    await sub?.stop().catch(() => undefined);
    await producerBus?.close();
    await consumerBus?.close();
    await broker?.destroy();
    await ds?.destroy();
    await db?.drop();
  });

  it(`faults ${SCALE.faults.join(', ')} during continuous writes: 0 acknowledged events missing, relay and consumer recover on their own`, async (t) => {
    const observed: HistoryEvent[] = [];
    const seen = new Set<string>();
    sub = await consumerBus.subscribe({
      groupId: 'c5.consumer',
      topics: [CONTACTS_TOPIC],
      handler: async (e) => {
        observed.push({ aggregateId: e.aggregateId, version: e.aggregateVersion });
        seen.add(e.id);
      },
    });
    relay.start();

    const aggregates = Array.from({ length: SCALE.aggregates }, () => randomUUID());
    const versions = new Map<string, number>();
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const id = aggregates[writes % aggregates.length]!;
        const v = (versions.get(id) ?? 0) + 1;
        versions.set(id, v);
        await ds.transaction((m) => appendToOutbox(m, registry, [tagsSetEvent(id, v)]));
        writes++;
        relay.kick();
        await sleep(2);
      }
    })();

    const published = async () => {
      const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL`)) as { n: number }[];
      return n;
    };
    const recoveries: number[] = [];
    for (const fault of SCALE.faults) {
      const target = seen.size + SCALE.perPhase;
      await waitFor(`${SCALE.perPhase} more events consumed before the ${fault}`, 60_000, () => seen.size >= target);
      const ackedBefore = await published();
      if (fault === 'kill') await broker.kill();
      else await broker.stop();
      await sleep(1000); // the relay and consumer see the broker gone, writes keep committing
      await broker.start();
      const back = Date.now();
      // recovery: the relay publishes again and the consumer goes past everything acked before the fault
      await waitFor(`recovery after the broker ${fault}`, 60_000, async () => seen.size >= ackedBefore && (await published()) > ackedBefore && seen.size > target);
      recoveries.push(Date.now() - back);
    }
    writing = false;
    await writer;
    try {
      await waitFor('every committed change published and consumed', 60_000, async () => (await relay.pending()) === 0 && seen.size >= writes);
    } catch (err) {
      t.diagnostic(`pending ${await relay.pending()}, consumed ${seen.size}/${writes}, relay lastError ${relay.lastError}`);
      throw err;
    }

    const written = (await ds.query(`SELECT message_key AS "aggregateId", (payload->>'aggregateVersion')::int AS version FROM outbox ORDER BY id`)) as HistoryEvent[];
    const report = checkHistory(written, observed, { duplicates: 'allowed' });
    t.diagnostic(
      `C5 figures: ${JSON.stringify({ faults: SCALE.faults, writes, delivered: observed.length, duplicates: report.duplicateCount, missing: report.missing.length, recoveryMs: recoveries, relayPublishFailures: counts.relayPublishFailures })}`,
    );
    assert.ok(report.ok, formatHistoryReport(report));
    assert.ok(counts.relayPublishFailures > 0, 'the outage surfaced as publish failures that the relay retried');
    assert.equal(relay.lastError, null, 'the relay is healthy again');
    assert.equal(sub.isRunning(), true, 'the consumer is back in its group');
  });
});
