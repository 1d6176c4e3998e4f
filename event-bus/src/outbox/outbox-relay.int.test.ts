import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { registry, InvalidEventError } from '../contracts';
import { CONTACTS_TOPIC } from '../contracts/contacts';
import type { EventEnvelope } from '../envelope';
import type { BusMessage, EventPublisher } from '../ports';
import { OUTBOX_MIGRATIONS } from './outbox-migration';
import { appendToOutbox } from './outbox-writer';
import { OutboxRelay } from './outbox-relay';
import { sleep, tagsSetEvent, waitFor } from '../testing/bus-test-kit';

const logger = pino({ level: 'silent' });
const backends = testBackends();

const tagsSet = (aggregateId: string, version: number): EventEnvelope => tagsSetEvent(aggregateId, version, { actor: { kind: 'user', id: 'u1' } });

/** Records what it publishes; optional delay and failures. */
class RecordingPublisher implements EventPublisher {
  readonly batches: BusMessage[][] = [];
  calls = 0;
  active = 0;
  maxActive = 0;
  constructor(private readonly opts: { delayMs?: number; failFirst?: number; failAfterRecording?: boolean } = {}) {}
  get messages(): BusMessage[] {
    return this.batches.flat();
  }
  get eventIds(): string[] {
    return this.messages.map((m) => (JSON.parse(m.value) as EventEnvelope).id);
  }
  async publish(messages: BusMessage[]): Promise<void> {
    this.calls++;
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.opts.delayMs) await sleep(this.opts.delayMs);
      const fail = this.calls <= (this.opts.failFirst ?? 0);
      if (fail && !this.opts.failAfterRecording) throw new Error(`broker unavailable (call ${this.calls})`);
      this.batches.push(messages);
      if (fail) throw new Error(`ack lost (call ${this.calls})`);
    } finally {
      this.active--;
    }
  }
}

function versionsByAggregate(messages: BusMessage[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of messages) {
    const e = JSON.parse(m.value) as EventEnvelope;
    assert.equal(m.key, e.aggregateId);
    out.set(e.aggregateId, [...(out.get(e.aggregateId) ?? []), e.aggregateVersion]);
  }
  return out;
}

function outboxSuite(label: string, open: () => Promise<{ ds: DataSource; cleanup: () => Promise<void> }>) {
  describe(`OutboxRelay (${label})`, () => {
    let ds: DataSource;
    let cleanup: () => Promise<void>;
    const relays: OutboxRelay[] = [];
    const relay = (
      publisher: EventPublisher,
      options: Partial<{ batchSize: number; pollIntervalMs: number; maxIdlePollIntervalMs: number }> = {},
    ) => {
      const r = new OutboxRelay(ds, publisher, logger, { name: 'contacts-write', ...options });
      relays.push(r);
      return r;
    };
    const append = (events: EventEnvelope[]) => ds.transaction((m) => appendToOutbox(m, registry, events));

    before(async () => {
      ({ ds, cleanup } = await open());
    });
    after(async () => {
      for (const r of relays) await r.stop();
      await ds.destroy();
      await cleanup();
    });

    it('publishes nothing for an append whose transaction rolls back, or for an invalid event', async () => {
      const a = randomUUID();
      await assert.rejects(
        ds.transaction(async (m) => {
          await appendToOutbox(m, registry, [tagsSet(a, 1), tagsSet(a, 2)]);
          throw new Error('command failed after appending');
        }),
        /command failed/,
      );
      await assert.rejects(append([tagsSet(a, 1), { ...tagsSet(a, 2), data: { tags: 42 } }]), InvalidEventError);
      await append([]);
      const publisher = new RecordingPublisher();
      const r = relay(publisher);
      assert.equal(await r.pending(), 0);
      assert.equal(await r.drain(), 0);
      assert.equal(publisher.calls, 0);
    });

    it('publishes committed rows in id order, keyed by aggregate, and marks them published', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const txs = [
        [tagsSet(a, 1), tagsSet(b, 1)],
        [tagsSet(a, 2)],
        [tagsSet(c, 1), tagsSet(b, 2), tagsSet(a, 3)],
        [tagsSet(c, 2)],
        [tagsSet(b, 3), tagsSet(b, 4)],
        [tagsSet(c, 3), tagsSet(a, 4)], // 11 rows: ids cross from one to two digits even in a fresh table
      ];
      for (const events of txs) await append(events);
      const publisher = new RecordingPublisher();
      const r = relay(publisher);
      assert.equal(await r.pending(), 11);
      assert.equal(await r.drain(), 11);
      assert.deepEqual(
        publisher.eventIds,
        txs.flat().map((e) => e.id),
        'exact append (id) order',
      );
      assert.deepEqual(
        Object.fromEntries(versionsByAggregate(publisher.messages)),
        Object.fromEntries([
          [a, [1, 2, 3, 4]],
          [b, [1, 2, 3, 4]],
          [c, [1, 2, 3]],
        ]),
      );
      for (const m of publisher.messages) {
        assert.equal(m.topic, CONTACTS_TOPIC);
        assert.deepEqual(m.headers, { 'event-type': 'contact.tags_set', 'schema-version': '1', 'tenant-id': 't1' });
        assert.deepEqual(
          registry.validate(JSON.parse(m.value)),
          txs.flat().find((e) => e.id === (JSON.parse(m.value) as EventEnvelope).id),
        );
      }
      assert.equal(await r.pending(), 0);
      assert.equal(await r.drain(), 0);
      assert.equal(r.published, 11);
    });

    it('drain() publishes in batches until the outbox is empty', async () => {
      const a = randomUUID();
      await append(Array.from({ length: 10 }, (_, i) => tagsSet(a, i + 1)));
      const publisher = new RecordingPublisher();
      assert.equal(await relay(publisher, { batchSize: 3 }).drain(), 10);
      assert.deepEqual(
        publisher.batches.map((b) => b.length),
        [3, 3, 3, 1],
      );
      assert.deepEqual(versionsByAggregate(publisher.messages).get(a), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('keeps rows pending when publishing fails and publishes them on the next attempt', async () => {
      const a = randomUUID();
      const events = [tagsSet(a, 1), tagsSet(a, 2)];
      await append(events);
      const publisher = new RecordingPublisher({ failFirst: 1 });
      const r = relay(publisher);
      await assert.rejects(r.drain(), /broker unavailable/);
      assert.equal(await r.pending(), 2);
      assert.equal(await r.drain(), 2);
      assert.deepEqual(
        publisher.eventIds,
        events.map((e) => e.id),
      );
    });

    it('a publisher failing N times then succeeding: every row published at least once, none lost', async () => {
      const aggregates = [randomUUID(), randomUUID(), randomUUID()];
      const events = aggregates.flatMap((id) => [1, 2, 3].map((v) => tagsSet(id, v)));
      for (const e of events) await append([e]);
      // the first two publishes reach the broker but their ack is lost: rows must go out again
      const publisher = new RecordingPublisher({ failFirst: 2, failAfterRecording: true });
      const r = relay(publisher, { batchSize: 4, pollIntervalMs: 10 });
      r.start();
      await waitFor('the outbox to empty', 15_000, async () => (await r.pending()) === 0);
      await r.stop();
      assert.ok(publisher.calls >= 3);
      assert.equal(r.lastError, null);
      const published = new Set(publisher.eventIds);
      for (const e of events) assert.ok(published.has(e.id), `event ${e.aggregateId}@${e.aggregateVersion} lost`);
      // the successful (last) publication of every row is in per-aggregate order
      const lastSeen = new Map<string, number>();
      publisher.eventIds.forEach((id, i) => lastSeen.set(id, i));
      for (const id of aggregates) {
        const positions = events.filter((e) => e.aggregateId === id).map((e) => lastSeen.get(e.id) ?? -1);
        assert.deepEqual(
          [...positions].sort((x, y) => x - y),
          positions,
          `aggregate ${id} out of order`,
        );
      }
    });

    it('a started relay publishes new commits when kicked, and stops cleanly', async () => {
      const publisher = new RecordingPublisher();
      const r = relay(publisher, { pollIntervalMs: 60_000 });
      r.start();
      await sleep(50);
      const e = tagsSet(randomUUID(), 1);
      await append([e]);
      r.kick();
      await waitFor('the kicked publish', 5000, () => publisher.eventIds.includes(e.id));
      await r.stop();
      // stopping a stopped relay does no work: it settles before the next turn of the event loop
      const again = await Promise.race([r.stop().then(() => 'stopped'), new Promise((resolve) => setImmediate(() => resolve('still stopping')))]);
      assert.equal(again, 'stopped');
    });

    it('two relays on one database never publish concurrently, and per-aggregate order holds', async () => {
      const publisher = new RecordingPublisher({ delayMs: 5 });
      const r1 = relay(publisher, { batchSize: 3, pollIntervalMs: 2 });
      const r2 = relay(publisher, { batchSize: 3, pollIntervalMs: 2 });
      r1.start();
      r2.start();
      const aggregates = Array.from({ length: 5 }, () => randomUUID());
      const events: EventEnvelope[] = [];
      for (let v = 1; v <= 8; v++) {
        for (const id of aggregates) {
          const e = tagsSet(id, v);
          events.push(e);
          await append([e]);
          if (events.length % 4 === 0) {
            r1.kick();
            r2.kick();
          }
        }
      }
      await waitFor('every event published', 20_000, () => new Set(publisher.eventIds).size >= events.length);
      await r1.stop();
      await r2.stop();
      assert.equal(publisher.maxActive, 1, 'publishes never overlap');
      assert.equal(publisher.eventIds.length, events.length, 'each row published exactly once');
      const byAggregate = versionsByAggregate(publisher.messages);
      for (const id of aggregates) assert.deepEqual(byAggregate.get(id), [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.equal(r1.published + r2.published, events.length);
    });

    it('stop() publishes rows committed since the last pass, without a kick (graceful shutdown loses no event)', async () => {
      const publisher = new RecordingPublisher();
      const r = relay(publisher, { pollIntervalMs: 60_000 });
      r.start();
      await waitFor('the first pass', 5000, async () => (await r.pending()) === 0);
      await sleep(50);
      const events = [tagsSet(randomUUID(), 1), tagsSet(randomUUID(), 1)];
      await append(events);
      await r.stop();
      for (const e of events) assert.ok(publisher.eventIds.includes(e.id), `event ${e.aggregateId} left unpublished by stop()`);
      assert.equal(await r.pending(), 0);
    });

    it('an idle relay polls less and less often (up to its longest interval), and a commit still goes out at once', async () => {
      await relay(new RecordingPublisher()).drain();
      // count the relay's passes: each one is a transaction on this data source
      let passes = 0;
      const counting = new Proxy(ds, {
        get(target, prop, receiver) {
          if (prop === 'transaction')
            return (...args: unknown[]) => (passes++, (target.transaction as (...a: unknown[]) => unknown).apply(target, args));
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
      const publisher = new RecordingPublisher();
      const r = new OutboxRelay(counting, publisher, logger, { name: 'contacts-write', pollIntervalMs: 10, maxIdlePollIntervalMs: 200 });
      relays.push(r);
      r.start();
      await sleep(1500);
      const idle = passes;
      // a fixed 10 ms poll would make ~150 passes; doubling to 200 ms makes about 5 + 6
      assert.ok(idle >= 5 && idle <= 20, `idle passes in 1.5 s: ${idle}`);
      const a = randomUUID();
      await append([tagsSet(a, 1)]);
      r.kick();
      await waitFor('the kicked commit', 2000, () => publisher.messages.length === 1);
      await r.stop();
    });

    it('replayAll() publishes the whole history again, in order', async () => {
      const first = new RecordingPublisher();
      const r = relay(first);
      await r.drain();
      const [{ n: total } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox`)) as { n: number }[];
      assert.ok(total > 0);
      assert.equal(await r.pending(), 0);
      const history = (await ds.query(`SELECT payload->>'id' AS event_id FROM outbox ORDER BY id`)) as { event_id: string }[];
      await r.replayAll();
      assert.equal(await r.pending(), total);
      const again = new RecordingPublisher();
      assert.equal(await relay(again).drain(), total);
      assert.deepEqual(
        again.eventIds,
        history.map((h) => h.event_id),
      );
      assert.equal(await r.pending(), 0);
    });

    it('after a clean stop the in-process bus gets only the rows after the marker; without one (a crash), or once a row it covers went out late, the whole history', async () => {
      await relay(new RecordingPublisher()).drain();
      const a = randomUUID();
      await append([tagsSet(a, 1), tagsSet(a, 2)]);
      const first = new RecordingPublisher();
      const r1 = relay(first);
      await r1.drain();
      const upTo = await r1.lastCommittedId();
      await r1.recordCleanStop(upTo, { [CONTACTS_TOPIC]: ['contacts-read.projector'] }, new Date());
      await append([tagsSet(a, 3)]);
      r1.start();
      await r1.stop(); // publishes the later row; nothing the marker covers went out after the check: it stays
      // the next start: only the row after the marker goes out again, and the marker is used up
      const after = new RecordingPublisher();
      const r2 = relay(after);
      const replay = await r2.replayIntoInProcessBus();
      assert.deepEqual(replay, { rows: 1, marker: { after: upTo, groups: { [CONTACTS_TOPIC]: ['contacts-read.projector'] } } });
      await r2.drain();
      assert.deepEqual(
        after.messages.map((m) => (JSON.parse(m.value) as EventEnvelope).aggregateVersion),
        [3],
      );
      // no marker any more (as after a crash): everything again
      const all = new RecordingPublisher();
      const r3 = relay(all);
      const everything = await r3.replayIntoInProcessBus();
      assert.equal(everything.marker, null);
      assert.ok(everything.rows >= 3);
      await r3.drain();
      assert.ok(all.messages.length >= 3, 'the whole history');
      // a marker whose rows were published after the check (a late commit) is dropped at stop
      const r4 = relay(new RecordingPublisher());
      const late = await r4.lastCommittedId();
      await r4.recordCleanStop(late, {}, new Date(Date.now() - 10_000)); // the check began before the row went out
      await ds.query(`UPDATE outbox SET published_at = NULL WHERE id = $1::bigint`, [late]);
      r4.start();
      await r4.stop();
      assert.equal((await r4.replayIntoInProcessBus()).marker, null, 'the late row voids the marker');
    });

    it('awaitPublished() resolves once everything committed before the call is on the bus (the position read sides start from)', async () => {
      const a = randomUUID();
      await append([tagsSet(a, 1), tagsSet(a, 2), tagsSet(a, 3)]);
      const slow = new RecordingPublisher({ delayMs: 20 });
      const r = relay(slow, { batchSize: 1, pollIntervalMs: 60_000 });
      assert.equal(await r.awaitPublished(0), false, 'not published yet, and no time to wait');
      r.start();
      assert.equal(await r.awaitPublished(120_000), true);
      assert.equal(await r.pending(), 0);
      assert.deepEqual(versionsByAggregate(slow.messages).get(a), [1, 2, 3]);
      await r.stop();
    });
  });
}

const common = {
  service: 'outbox-test',
  dataDir: '.data',
  schema: 'contacts_write',
  entities: [],
  migrations: OUTBOX_MIGRATIONS,
  migrate: true,
  logger,
};

outboxSuite('embedded PGlite', async () => ({ ds: await createDataSource({ ...common, inMemory: true }), cleanup: async () => undefined }));

if (backends.databaseUrl) {
  let db: TestDatabase;
  outboxSuite('PostgreSQL', async () => {
    db = await createTestDatabase(backends.databaseUrl, 'outbox_relay');
    return { ds: await createDataSource({ ...common, databaseUrl: db.url, poolSize: 6 }), cleanup: () => db.drop() };
  });
}
