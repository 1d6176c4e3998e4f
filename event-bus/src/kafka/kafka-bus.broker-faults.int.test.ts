// C4/C5 (reliability matrix): faults of the broker and of the network to it, on a real Kafka
// broker this test owns (its own ports and data; the shared broker is never touched). Every client
// connection goes through a TCP fault proxy (the broker advertises the proxy's port). Under
// continuous outbox writes published by the relay and read by a consumer group:
// - C4: every connection is reset every 500 ms for a while, then every byte is delayed (latency
//   with jitter: slow produce acks and commits), then nothing is forwarded at all (hang: the long
//   variant hangs longer than the request and session timeouts);
// - C5: the broker process is SIGKILLed and started again on its data (the long variant also
//   restarts it gracefully and hard-kills it once more).
// 0 acknowledged (committed and published) events may go missing, per-aggregate order holds, and
// relay and consumer recover without any manual action within a minute. CRM_LONG_TESTS=1 runs
// bigger numbers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { checkHistory, formatHistoryReport, startFaultProxy, type FaultProxy, type HistoryEvent } from '@crm/platform/testing/faults';
import { registry } from '../contracts';
import { CONTACTS_TOPIC } from '../contracts/contacts';
import { OUTBOX_MIGRATIONS } from '../outbox/outbox-migration';
import { appendToOutbox } from '../outbox/outbox-writer';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { Subscription } from '../ports';
import { sleep, tagsSetEvent, waitFor } from '../testing/bus-test-kit';
import { observeStream } from '../testing/stream-observer';
import { freePort, startTestBroker, type TestBroker } from '../testing/test-broker';
import { KafkaBus } from './kafka-bus';

const backends = testBackends();
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long
  ? {
      aggregates: 500,
      perPhase: 2_000,
      resetForMs: 30_000,
      latencyForMs: 10_000,
      hangForMs: 15_000,
      brokerFaults: ['kill', 'restart', 'kill'] as const,
    }
  : { aggregates: 100, perPhase: 200, resetForMs: 8_000, latencyForMs: 3_000, hangForMs: 4_000, brokerFaults: ['kill'] as const };

/** Counts the warnings the relay logs (producer errors must surface and be retried, not vanish); keeps the last lines. */
function countingLogger() {
  const counts = { relayPublishFailures: 0 };
  const recent: string[] = [];
  const logger = pino(
    { level: 'warn' },
    {
      write(line: string) {
        if (line.includes('outbox relay: publish failed')) counts.relayPublishFailures++;
        recent.push(line.slice(0, 400));
        if (recent.length > 30) recent.shift();
      },
    },
  );
  return { logger, counts, recent };
}

describe(
  'C4/C5: network faults and broker restarts under load',
  { skip: (!backends.databaseUrl || backends.kafkaBrokers.length === 0) && 'needs PostgreSQL and the Kafka tooling' },
  () => {
    let db: TestDatabase;
    let ds: DataSource;
    let broker: TestBroker;
    let proxy: FaultProxy;
    let producerBus: KafkaBus;
    let consumerBus: KafkaBus;
    let relay: OutboxRelay;
    let sub: Subscription;
    const { logger, counts, recent } = countingLogger();
    let observed: HistoryEvent[] = [];
    let seen = new Set<string>();
    const aggregates = Array.from({ length: SCALE.aggregates }, () => randomUUID());
    const versions = new Map<string, number>();
    let writes = 0;

    /** Commits one change after another (and kicks the relay) until the returned stop() is called. */
    const startWriting = () => {
      let writing = true;
      const loop = (async () => {
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
      return async () => {
        writing = false;
        await loop;
      };
    };
    const published = async () => {
      const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL`)) as { n: number }[];
      return n;
    };
    /** Everything committed so far is published and consumed; then the whole history is checked. */
    const assertComplete = async (label: string, t: { diagnostic(message: string): void }) => {
      try {
        await waitFor(
          `${label}: every committed change published and consumed`,
          60_000,
          async () => (await relay.pending()) === 0 && seen.size >= writes,
        );
      } catch (err) {
        const state = {
          pending: await relay.pending(),
          consumed: seen.size,
          writes,
          relayLastError: relay.lastError,
          consumerRunning: sub.isRunning(),
          lag: sub.lag(),
          proxy: proxy.stats(),
        };
        t.diagnostic(`${label} stuck: ${JSON.stringify(state)}\n${recent.join('')}`);
        throw err;
      }
      const written = (await ds.query(
        `SELECT message_key AS "aggregateId", (payload->>'aggregateVersion')::int AS version FROM outbox ORDER BY id`,
      )) as HistoryEvent[];
      const report = checkHistory(written, observed, { duplicates: 'allowed' });
      assert.ok(report.ok, formatHistoryReport(report));
      assert.equal(relay.lastError, null, 'the relay is healthy again');
      assert.equal(sub.isRunning(), true, 'the consumer is back in its group');
      return report;
    };

    before(async () => {
      const proxyPort = await freePort();
      broker = await startTestBroker({ baseEnv: process.env, libs: process.env['KAFKA_LIBS'], advertisedPort: proxyPort });
      proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: broker.port }, listenPort: proxyPort });
      db = await createTestDatabase(backends.databaseUrl, 'broker_faults');
      ds = await createDataSource({
        service: 'c5-test',
        dataDir: '.data',
        schema: 'contacts_write',
        entities: [],
        migrations: OUTBOX_MIGRATIONS,
        migrate: true,
        databaseUrl: db.url,
        poolSize: 4,
        logger,
      });
      producerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'c5-relay', partitions: 4 }, registry, logger);
      consumerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'c5-consumer', partitions: 4 }, registry, logger);
      await producerBus.ensureTopics([CONTACTS_TOPIC]);
      relay = new OutboxRelay(ds, producerBus, logger, { name: 'c5', batchSize: 50, pollIntervalMs: 20 });
      ({ observed, ids: seen, subscription: sub } = await observeStream(consumerBus, 'c5.consumer', [CONTACTS_TOPIC]));
      relay.start();
    });
    after(async () => {
      await relay?.stop();
      await sub?.stop().catch(() => undefined);
      await producerBus?.close();
      await consumerBus?.close();
      await proxy?.close();
      await broker?.destroy();
      await ds?.destroy();
      await db?.drop();
    });

    it(`C4: client connections reset every 500 ms for ${SCALE.resetForMs / 1000} s, then ${SCALE.latencyForMs / 1000} s of latency, then a ${SCALE.hangForMs / 1000} s hang: nothing lost, recovery on its own`, async (t) => {
      const stopWriting = startWriting();
      const target = seen.size + SCALE.perPhase;
      await waitFor(`${SCALE.perPhase} events consumed before the faults`, 60_000, () => seen.size >= target);
      const failuresBefore = counts.relayPublishFailures;
      const resetsBefore = proxy.stats().resets;
      const until = Date.now() + SCALE.resetForMs;
      while (Date.now() < until) {
        proxy.resetAll();
        await sleep(500);
      }
      await proxy.setMode({ kind: 'latency', ms: 150, jitterMs: 100 });
      await sleep(SCALE.latencyForMs);
      await proxy.setMode({ kind: 'hang' });
      await sleep(SCALE.hangForMs);
      await proxy.setMode({ kind: 'pass' });
      const calm = Date.now();
      const ackedBefore = await published();
      await waitFor('the consumer to pass everything published during the faults', 60_000, () => seen.size >= ackedBefore);
      const recoveryMs = Date.now() - calm;
      await stopWriting();
      const report = await assertComplete('C4', t);
      const resets = proxy.stats().resets - resetsBefore;
      t.diagnostic(
        `C4 figures: ${JSON.stringify({ resets, writes, delivered: observed.length, duplicates: report.duplicateCount, missing: report.missing.length, recoveryMs, relayPublishFailures: counts.relayPublishFailures - failuresBefore })}`,
      );
      assert.ok(resets >= SCALE.resetForMs / 500 / 2, `connections were really reset (${resets})`);
      assert.ok(recoveryMs <= 60_000);
    });

    it(`C5: broker ${SCALE.brokerFaults.join(', ')} during continuous writes: 0 acknowledged events missing, relay and consumer recover on their own`, async (t) => {
      const stopWriting = startWriting();
      const failuresBefore = counts.relayPublishFailures;
      const recoveries: number[] = [];
      for (const fault of SCALE.brokerFaults) {
        const target = seen.size + SCALE.perPhase;
        await waitFor(`${SCALE.perPhase} more events consumed before the ${fault}`, 60_000, () => seen.size >= target);
        const ackedBefore = await published();
        if (fault === 'kill') await broker.kill();
        else await broker.stop();
        await sleep(1000); // the relay and consumer see the broker gone; writes keep committing
        await broker.start();
        const back = Date.now();
        // recovered: the relay publishes again and the consumer gets past everything acked before the fault
        await waitFor(
          `recovery after the broker ${fault}`,
          60_000,
          async () => seen.size >= ackedBefore && (await published()) > ackedBefore && seen.size > target,
        );
        recoveries.push(Date.now() - back);
      }
      await stopWriting();
      const report = await assertComplete('C5', t);
      const failures = counts.relayPublishFailures - failuresBefore;
      t.diagnostic(
        `C5 figures: ${JSON.stringify({ faults: SCALE.brokerFaults, writes, delivered: observed.length, duplicates: report.duplicateCount, missing: report.missing.length, recoveryMs: recoveries, relayPublishFailures: failures })}`,
      );
      assert.ok(failures > 0, 'the outage surfaced as publish failures that the relay retried');
    });
  },
);
