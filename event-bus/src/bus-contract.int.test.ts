import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Kafka, logLevel } from 'kafkajs';
import { testBackends } from '@crm/platform/testing';
import { registry } from './contracts';
import { dlqOf, type EventEnvelope } from './envelope';
import { InMemoryBus } from './in-memory/in-memory-bus';
import { KafkaBus } from './kafka/kafka-bus';
import { toBusMessage, type EventBus, type EventHandler, type Subscription } from './ports';
import { sleep, tagsSetEvent as event, waitFor } from './testing/bus-test-kit';

const logger = pino({ level: 'silent' });
const backends = testBackends();

interface RawMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What the contract suite needs from a bus beyond the EventBus port. */
interface BusHarness {
  bus: EventBus;
  /** Raw messages (with headers) of a logical topic; waits up to `timeoutMs` for at least `min`. */
  readRaw(topic: string, min: number, timeoutMs: number): Promise<RawMessage[]>;
  /** Waits until the group has `members` members that all own partitions (Kafka rebalances). */
  settle(groupId: string, members: number): Promise<void>;
  /** Upper bound for waiting on deliveries. */
  timeoutMs: number;
  close(): Promise<void>;
}

/** `perKey` versions for each of `keys` aggregates, interleaved across keys. */
function interleaved(keys: number, perKey: number): EventEnvelope[] {
  const ids = Array.from({ length: keys }, () => randomUUID());
  const out: EventEnvelope[] = [];
  for (let v = 1; v <= perKey; v++) for (const id of ids) out.push(event(id, v));
  return out;
}

/** The semantics the platform relies on, for any EventBus. */
function busContract(label: string, makeHarness: () => Promise<BusHarness>) {
  describe(`EventBus contract (${label})`, () => {
    let h: BusHarness;
    const subs: Subscription[] = [];
    const uniq = () => randomUUID().slice(0, 8);
    const newTopic = async () => {
      const topic = `crm.t${uniq()}.events`;
      await h.bus.ensureTopics([topic]);
      return topic;
    };
    const subscribe = async (
      groupId: string,
      topic: string,
      handler: EventHandler,
      extra: { maxAttempts?: number; retryBackoffMs?: number } = {},
    ) => {
      const sub = await h.bus.subscribe({ groupId, topics: [topic], handler, ...extra });
      subs.push(sub);
      return sub;
    };
    const publishInBatches = async (topic: string, events: EventEnvelope[], batch: number) => {
      for (let i = 0; i < events.length; i += batch) await h.bus.publish(events.slice(i, i + batch).map((e) => toBusMessage(topic, e)));
    };

    before(async () => {
      h = await makeHarness();
    });
    after(async () => {
      for (const s of subs) await s.stop().catch(() => undefined);
      await h.close();
    });

    it('keeps per-key order across many keys', async () => {
      const topic = await newTopic();
      const events = interleaved(30, 10);
      const seen = new Map<string, number[]>();
      await publishInBatches(topic, events.slice(0, 150), 25);
      const sub = await subscribe(`ordering-${uniq()}`, topic, async (e) => {
        seen.set(e.aggregateId, [...(seen.get(e.aggregateId) ?? []), e.aggregateVersion]);
      });
      await publishInBatches(topic, events.slice(150), 25);
      await waitFor('every event', h.timeoutMs, () => [...seen.values()].reduce((n, v) => n + v.length, 0) >= events.length);
      assert.equal(seen.size, 30);
      for (const [id, versions] of seen) assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], id);
      await sub.stop();
    });

    it('resumes a consumer group from its committed offsets after stop and restart', async () => {
      const topic = await newTopic();
      const groupId = `resume-${uniq()}`;
      const first = interleaved(20, 2);
      await publishInBatches(topic, first, 40);
      const run1: string[] = [];
      const sub1 = await subscribe(groupId, topic, async (e) => {
        run1.push(e.id);
        await sleep(5);
      });
      await waitFor('some progress', h.timeoutMs, () => run1.length >= 10);
      await sub1.stop();
      assert.equal(sub1.isRunning(), false);
      assert.ok(run1.length < first.length, 'stopped before the end');

      const second = interleaved(10, 2);
      await publishInBatches(topic, second, 20);
      const run2: string[] = [];
      await subscribe(groupId, topic, async (e) => void run2.push(e.id));
      const all = [...first, ...second].map((e) => e.id);
      await waitFor('the rest of the events', h.timeoutMs, () => new Set([...run1, ...run2]).size >= all.length);
      await sleep(100);
      const union = new Set([...run1, ...run2]);
      assert.deepEqual([...union].sort(), [...all].sort(), 'nothing lost');
      const redelivered = run2.filter((id) => run1.includes(id));
      assert.ok(redelivered.length <= 1, `redelivered ${redelivered.length} handled messages`);
      assert.equal(new Set(run1).size, run1.length, 'no duplicates within a run');
      assert.equal(new Set(run2).size, run2.length, 'no duplicates within a run');
    });

    it('dead-letters a message its handler always rejects, and poison messages, without blocking the partition', async () => {
      const topic = await newTopic();
      const key = randomUUID();
      const failing = event(key, 1);
      const later = [event(key, 2), event(key, 3)];
      const poison = {
        topic,
        key,
        value: JSON.stringify({ ...event(key, 4), data: { tags: 'not-a-list' } }),
        headers: { 'event-type': 'contact.tags_set' },
      };
      const last = event(key, 5);
      await h.bus.publish([toBusMessage(topic, failing), ...later.map((e) => toBusMessage(topic, e)), poison, toBusMessage(topic, last)]);
      const log: string[] = [];
      const attempts: number[] = [];
      await subscribe(
        `dlq-${uniq()}`,
        topic,
        async (e, d) => {
          if (e.id === failing.id) {
            attempts.push(d.attempt);
            log.push(`fail#${d.attempt}`);
            throw new Error('handler always rejects this one');
          }
          log.push(`ok:v${e.aggregateVersion}`);
        },
        { maxAttempts: 3, retryBackoffMs: 5 },
      );
      await waitFor('the later messages', h.timeoutMs, () => log.includes('ok:v5'));
      assert.deepEqual(attempts, [1, 2, 3]);
      assert.deepEqual(
        log,
        ['fail#1', 'fail#2', 'fail#3', 'ok:v2', 'ok:v3', 'ok:v5'],
        'the partition moved on in order; poison never reached the handler',
      );

      const dlq = await h.readRaw(dlqOf(topic), 2, h.timeoutMs);
      assert.equal(dlq.length, 2);
      const [rejected, invalid] = dlq;
      assert.ok(rejected && invalid);
      assert.equal(rejected.key, key);
      assert.equal((JSON.parse(rejected.value) as EventEnvelope).id, failing.id);
      assert.equal(rejected.headers['event-type'], 'contact.tags_set');
      assert.equal(rejected.headers['dlq-origin-topic'], topic);
      assert.match(rejected.headers['dlq-origin-partition'] ?? '', /^\d+$/);
      assert.equal(rejected.headers['dlq-origin-offset'], '0');
      assert.equal(rejected.headers['dlq-attempts'], '3');
      assert.equal(rejected.headers['dlq-error'], 'handler always rejects this one');
      assert.ok(!Number.isNaN(Date.parse(rejected.headers['dlq-at'] ?? '')));
      assert.equal(invalid.value, poison.value);
      assert.equal(invalid.headers['dlq-origin-offset'], '3');
      assert.equal(invalid.headers['dlq-attempts'], '1');
      assert.match(invalid.headers['dlq-error'] ?? '', /invalid data for contact\.tags_set@1/);
      assert.equal(invalid.headers['dlq-origin-partition'], rejected.headers['dlq-origin-partition']);
    });

    it('splits partitions between two members of a group, which together see every message once', async () => {
      const topic = await newTopic();
      const groupId = `split-${uniq()}`;
      const seenBy = new Map<string, string[]>();
      const keyOwner = new Map<string, Set<string>>();
      const handlerFor =
        (member: string): EventHandler =>
        async (e) => {
          seenBy.set(e.id, [...(seenBy.get(e.id) ?? []), member]);
          keyOwner.set(e.aggregateId, (keyOwner.get(e.aggregateId) ?? new Set()).add(member));
        };
      await subscribe(groupId, topic, handlerFor('a'));
      await subscribe(groupId, topic, handlerFor('b'));
      await h.settle(groupId, 2);
      const events = interleaved(40, 3);
      await publishInBatches(topic, events, 30);
      await waitFor('every event', h.timeoutMs, () => seenBy.size >= events.length);
      await sleep(200);
      assert.equal(seenBy.size, events.length);
      for (const [id, members] of seenBy) assert.equal(members.length, 1, `${id} seen by ${members.join(',')}`);
      const counts = { a: 0, b: 0 };
      for (const [m] of seenBy.values()) counts[m as 'a' | 'b']++;
      assert.ok(counts.a > 0 && counts.b > 0, `both members work: ${JSON.stringify(counts)}`);
      for (const [key, owners] of keyOwner) assert.equal(owners.size, 1, `key ${key} handled by one member`);
    });

    it('redelivers a message whose handler kept failing to the next member once the first one stops (at-least-once)', async () => {
      const topic = await newTopic();
      const groupId = `redeliver-${uniq()}`;
      const e = event(randomUUID(), 1);
      await h.bus.publish([toBusMessage(topic, e)]);
      let failures = 0;
      const first = await subscribe(
        groupId,
        topic,
        async () => {
          failures++;
          throw new Error('not yet');
        },
        { maxAttempts: 1000, retryBackoffMs: 5 },
      );
      await waitFor('a few failed attempts', h.timeoutMs, () => failures >= 2);
      await first.stop();
      const seen: string[] = [];
      await subscribe(groupId, topic, async (x) => void seen.push(x.id));
      await waitFor('the redelivery', h.timeoutMs, () => seen.length >= 1);
      assert.deepEqual(seen, [e.id]);
      assert.deepEqual(await h.readRaw(dlqOf(topic), 0, h.timeoutMs), [], 'a stop during retries is not a dead letter');
    });

    it('gives every consumer group its own copy of every message', async () => {
      const topic = await newTopic();
      const events = interleaved(10, 3);
      const got = { a: new Set<string>(), b: new Set<string>() };
      await subscribe(`groups-a-${uniq()}`, topic, async (e) => void got.a.add(e.id));
      await subscribe(`groups-b-${uniq()}`, topic, async (e) => void got.b.add(e.id));
      await publishInBatches(topic, events, 10);
      await waitFor('both groups to see everything', h.timeoutMs, () => got.a.size >= events.length && got.b.size >= events.length);
      assert.deepEqual([...got.a].sort(), events.map((e) => e.id).sort());
      assert.deepEqual([...got.b].sort(), events.map((e) => e.id).sort());
    });

    it('starts a new group at the oldest message by default, and at the end with fromBeginning: false', async () => {
      const topic = await newTopic();
      const old = interleaved(5, 2);
      await publishInBatches(topic, old, 10);
      const fromStart: string[] = [];
      const fromNow: string[] = [];
      const nowGroup = `from-now-${uniq()}`;
      await subscribe(`from-start-${uniq()}`, topic, async (e) => void fromStart.push(e.id));
      subs.push(await h.bus.subscribe({ groupId: nowGroup, topics: [topic], fromBeginning: false, handler: async (e) => void fromNow.push(e.id) }));
      await h.settle(nowGroup, 1);
      // probe until the new group fetches (Kafka resolves "the end" only once it has joined)
      const probes: EventEnvelope[] = [];
      await waitFor('the fromBeginning: false group to fetch', h.timeoutMs, async () => {
        if (fromNow.length > 0) return true;
        const probe = event(randomUUID(), 1);
        probes.push(probe);
        await h.bus.publish([toBusMessage(topic, probe)]);
        await sleep(100);
        return fromNow.length > 0;
      });
      const fresh = interleaved(5, 1);
      await publishInBatches(topic, fresh, 10);
      const all = [...old, ...probes, ...fresh].map((e) => e.id);
      await waitFor(
        'the new messages in both groups',
        h.timeoutMs,
        () => fresh.every((e) => fromNow.includes(e.id)) && fromStart.length >= all.length,
      );
      await sleep(200);
      for (const e of old) assert.ok(!fromNow.includes(e.id), 'nothing published before the group joined');
      assert.deepEqual([...fromStart].sort(), all.sort(), 'the whole retained history');
    });

    it('hands the partitions of a member that leaves to the one that stays, losing nothing', async () => {
      const topic = await newTopic();
      const groupId = `handoff-${uniq()}`;
      const seen = new Set<string>();
      const leaving = await subscribe(groupId, topic, async (e) => void seen.add(e.id));
      await subscribe(groupId, topic, async (e) => void seen.add(e.id));
      await h.settle(groupId, 2);
      const before = interleaved(20, 2);
      await publishInBatches(topic, before, 20);
      await waitFor('the first half', h.timeoutMs, () => seen.size >= before.length);
      await leaving.stop();
      await h.settle(groupId, 1);
      const after = interleaved(20, 2);
      await publishInBatches(topic, after, 20);
      await waitFor('the second half, all on the remaining member', h.timeoutMs, () => seen.size >= before.length + after.length);
      for (const e of [...before, ...after]) assert.ok(seen.has(e.id), `${e.aggregateId}@${e.aggregateVersion} lost`);
    });

    it('keeps a slow handler in its group through a batch longer than the session timeout: each message handled once', async () => {
      const topic = await newTopic();
      const key = randomUUID();
      const events = Array.from({ length: 80 }, (_, i) => event(key, i + 1));
      await publishInBatches(topic, events, 80);
      const handled: number[] = [];
      // 80 × 150 ms = 12 s in one batch of one partition: longer than KafkaBus's 10 s session timeout
      await subscribe(`slow-${uniq()}`, topic, async (e) => {
        handled.push(e.aggregateVersion);
        await sleep(150);
      });
      await waitFor('every slow message', Math.max(h.timeoutMs, 30_000), () => handled.length >= events.length);
      await sleep(500);
      assert.deepEqual(
        handled,
        events.map((e) => e.aggregateVersion),
        'in order, none redelivered (the member was never evicted)',
      );
    });

    it('reports lag that reaches 0 once everything is handled', async () => {
      const topic = await newTopic();
      const events = interleaved(12, 4);
      await publishInBatches(topic, events, 16);
      let handled = 0;
      const sub = await subscribe(`lag-${uniq()}`, topic, async () => {
        handled++;
        await sleep(1);
      });
      await waitFor('every event', h.timeoutMs, () => handled >= events.length);
      await waitFor('lag 0', h.timeoutMs, () => {
        const lag = sub.lag();
        return lag.length > 0 && lag.every((l) => l.lag === 0);
      });
      for (const l of sub.lag()) assert.equal(l.topic, topic);
      assert.equal(sub.isRunning(), true);
    });

    it("reports another process's group progress: the end of each partition and the group's committed position", async () => {
      const topic = await newTopic();
      const events = interleaved(6, 3);
      await publishInBatches(topic, events, 18);
      const groupId = `progress-${uniq()}`;
      const before = await h.bus.groupProgress(groupId, [topic]);
      assert.equal(
        before.reduce((n, p) => n + Number(p.end - p.committed), 0),
        events.length,
        'a group that never ran is behind by everything retained',
      );
      let handled = 0;
      const sub = await subscribe(groupId, topic, async () => {
        handled++;
      });
      await waitFor('every event', h.timeoutMs, () => handled >= events.length);
      // commits follow the handling (Kafka: within a second); wait for them, not for a clock
      await waitFor('the group committed everything', Math.max(h.timeoutMs, 30_000), async () =>
        (await h.bus.groupProgress(groupId, [topic])).every((p) => p.committed === p.end),
      );
      await sub.stop();
      subs.splice(subs.indexOf(sub), 1);
    });

    it('knows its backlog from the moment it subscribes (also after a restart), with the time of the oldest pending event, and says when it caught up with its start', async () => {
      const topic = await newTopic();
      const old = new Date(Date.now() - 60_000).toISOString();
      const events = interleaved(8, 5).map((e) => ({ ...e, occurredAt: old }));
      await publishInBatches(topic, events, 20);
      const groupId = `backlog-${uniq()}`;
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let handled = 0;
      const handler: EventHandler = async () => {
        await gate;
        handled++;
      };
      const sub = await subscribe(groupId, topic, handler);
      const pending = () => sub.lag().reduce((n, l) => n + l.lag, 0);
      assert.equal(pending(), events.length, 'every published event is pending before the first fetch');
      assert.equal(sub.caughtUpWithStart(), false);
      // once a partition is fetched, its oldest pending event's time is known (the handler holds it)
      await waitFor('a fetched partition', h.timeoutMs, () => sub.lag().some((l) => l.oldestPendingAt !== null));
      assert.equal(pending(), events.length, 'the held message is still pending');
      for (const l of sub.lag().filter((x) => x.oldestPendingAt !== null)) assert.equal(l.oldestPendingAt, Date.parse(old));
      assert.equal(sub.caughtUpWithStart(), false);
      open();
      await waitFor('caught up with the start', h.timeoutMs, () => sub.caughtUpWithStart());
      assert.equal(handled, events.length);
      assert.equal(pending(), 0);
      assert.ok(sub.lag().every((l) => l.oldestPendingAt === null));

      // a restart of the group: what was published while it was down is pending at once
      await sub.stop();
      subs.splice(subs.indexOf(sub), 1);
      const more = interleaved(3, 1);
      await publishInBatches(topic, more, 3);
      let again = 0;
      let reopen!: () => void;
      const regate = new Promise<void>((r) => (reopen = r));
      const restarted = await subscribe(groupId, topic, async () => {
        await regate;
        again++;
      });
      assert.equal(
        restarted.lag().reduce((n, l) => n + l.lag, 0),
        more.length,
        'the restarted subscriber knows the backlog before it fetched anything',
      );
      assert.equal(restarted.caughtUpWithStart(), false);
      reopen();
      await waitFor('caught up after the restart', h.timeoutMs, () => restarted.caughtUpWithStart());
      assert.equal(again, more.length);
    });
  });
}

busContract('InMemoryBus', async () => {
  const bus = new InMemoryBus(registry, logger, 4);
  return {
    bus,
    timeoutMs: 5000,
    readRaw: async (topic, min, timeoutMs) => {
      await waitFor(`${min} messages on ${topic}`, timeoutMs, () => bus.messages(topic).length >= min);
      return bus.messages(topic);
    },
    settle: async () => undefined,
    close: () => bus.close(),
  };
});

describe('InMemoryBus specifics', () => {
  it('refuses to publish once closed', async () => {
    const bus = new InMemoryBus(registry, logger, 2);
    const topic = 'crm.closed.events';
    await bus.ensureTopics([topic]);
    await bus.close();
    await assert.rejects(bus.publish([toBusMessage(topic, event(randomUUID(), 1))]), /bus closed/);
  });
});

if (backends.kafkaBrokers.length > 0) {
  const brokers = backends.kafkaBrokers;
  busContract('KafkaBus', async () => {
    const namespace = `test-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
    const bus = new KafkaBus({ brokers, clientId: 'bus-contract-test', partitions: 4, namespace }, registry, logger);
    await bus.ping();
    const kafka = new Kafka({ clientId: 'bus-contract-raw', brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return {
      bus,
      timeoutMs: 30_000,
      async readRaw(topic, min, timeoutMs) {
        const consumer = kafka.consumer({ groupId: `${namespace}.raw-${randomUUID()}`, maxWaitTimeInMs: 50 });
        const out: RawMessage[] = [];
        await consumer.connect();
        try {
          await consumer.subscribe({ topic: `${namespace}.${topic}`, fromBeginning: true });
          await consumer.run({
            eachMessage: async ({ message }) => {
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
              out.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
            },
          });
          await waitFor(`${min} messages on ${topic}`, timeoutMs, () => out.length >= min);
          await sleep(300); // anything beyond `min` would show up too
        } finally {
          await consumer.disconnect();
        }
        return out;
      },
      async settle(groupId, members) {
        await waitFor(`group ${groupId} stable with ${members} members`, 30_000, async () => {
          const { groups } = await admin.describeGroups([`${namespace}.${groupId}`]);
          const g = groups[0];
          return !!g && g.state === 'Stable' && g.members.length === members && g.members.every((m) => m.memberAssignment.length > 0);
        });
      },
      async close() {
        await bus.close();
        const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
        if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 10_000 }).catch(() => undefined);
        await admin.disconnect();
      },
    };
  });
}

if (backends.kafkaBrokers.length > 0) {
  describe('KafkaBus topic creation', () => {
    it('creates overlapping topic sets asked for at once, by one bus and by several processes, without an error', async () => {
      const namespace = `test-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
      const buses = Array.from(
        { length: 3 },
        (_, i) => new KafkaBus({ brokers: backends.kafkaBrokers, clientId: `topics-${i}`, partitions: 2, namespace }, registry, logger),
      );
      const sets = [
        ['crm.a.events', 'crm.b.events'],
        ['crm.b.events', 'crm.c.events'],
        ['crm.a.events', 'crm.c.events', 'crm.d.events'],
      ];
      try {
        // every bus asks for every set at once (as services starting together do), and the buses race each other
        await Promise.all(buses.flatMap((bus) => sets.map((topics) => bus.ensureTopics(topics))));
        const kafka = new Kafka({ clientId: 'topics-check', brokers: backends.kafkaBrokers, logLevel: logLevel.NOTHING });
        const admin = kafka.admin();
        await admin.connect();
        try {
          const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`)).sort();
          const expected = ['a', 'b', 'c', 'd'].flatMap((x) => [`${namespace}.crm.${x}.events`, `${namespace}.crm.${x}.events.dlq`]).sort();
          assert.deepEqual(mine, expected);
          await admin.deleteTopics({ topics: mine, timeout: 10_000 }).catch(() => undefined);
        } finally {
          await admin.disconnect();
        }
      } finally {
        for (const bus of buses) await bus.close();
      }
    });
  });
}
