import { ConfigResourceTypes, Kafka, logLevel, type Admin, type Consumer, type Producer, type IHeaders, CompressionTypes } from 'kafkajs';
import type { Logger } from 'pino';
import type { EventRegistry } from '../contracts/define-event';
import { dlqOf } from '../envelope';
import { DEFAULT_MAX_BATCH, DEFAULT_POLICY, deliver, deliverBatch } from '../delivery';
import { eventTimeOf } from '../event-time';
import { OffsetCommitter, type CommitOffsets } from './offset-committer';
import type { BusMessage, EventBus, GroupPartitionProgress, PartitionLag, Subscription, SubscriptionOptions } from '../ports';
import { consumerMetrics } from '../metrics';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this bus creates (default 8). */
  partitions?: number;
  /** Replication factor for topics this bus creates (default 1; 3 in production). */
  replicationFactor?: number;
  /**
   * Longest time the broker holds a fetch when there is nothing new (default 500 ms). It answers as
   * soon as one message arrives, so this bounds idle polling, not latency: 20 ms cost the platform
   * 0.3 core doing nothing (50 empty fetches a second per consumer) with the same visibility.
   */
  maxWaitTimeInMs?: number;
  /** Partitions one consumer handles in parallel (default 4; order is kept within each). */
  partitionsConsumedConcurrently?: number;
  /** Prefix for physical topic and group names (isolates test runs on a shared broker). */
  namespace?: string;
}

function kafkaLogger(logger: Logger) {
  return () =>
    ({ level, log }: { level: number; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...rest } = log;
      if (level <= logLevel.ERROR) logger.error(rest, `kafka: ${message}`);
      else if (level === logLevel.WARN) logger.warn(rest, `kafka: ${message}`);
    };
}

/** Longest time a handled message stays uncommitted (per partition). */
const COMMIT_INTERVAL_MS = 1000;
/** Handled messages of one partition that trigger a commit before the interval has passed. */
const COMMIT_MAX_UNCOMMITTED = 100;

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return out;
}

/**
 * Kafka adapter (kafkajs): idempotent producer with acks=all and one request in flight (order per
 * key), consumers that commit offsets manually only after the handler succeeded or the message
 * went to the DLQ, bounded retries, and event topics kept forever (read models are rebuilt from them).
 */
export class KafkaBus implements EventBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private producerConnecting: Promise<Producer> | null = null;
  private readonly consumers = new Set<Consumer>();
  private readonly known = new Set<string>();
  /** Kept connected for groupProgress (asked about once a second by a read API without its projector). */
  private progressAdmin: Promise<Admin> | null = null;
  private readonly prefix: string;

  constructor(
    private readonly options: KafkaBusOptions,
    private readonly registry: EventRegistry,
    private readonly logger: Logger,
  ) {
    this.prefix = options.namespace ? `${options.namespace}.` : '';
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogger(logger),
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    });
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.producerConnecting) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      this.producerConnecting = producer.connect().then(() => {
        this.producer = producer;
        return producer;
      });
      this.producerConnecting.catch(() => {
        this.producerConnecting = null;
      });
    }
    return this.producerConnecting;
  }

  /** Connects admin, checks the cluster answers (fails fast when the broker is unreachable). */
  async ping(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }

  private physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  private logical(topic: string): string {
    return topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : topic;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const wanted = topics
      .flatMap((t) => [t, dlqOf(t)])
      .map((t) => this.physical(t))
      .filter((t) => !this.known.has(t));
    if (wanted.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      // a busy broker may not know a topic it created a moment ago yet when waiting for its leaders
      // (UNKNOWN_TOPIC_OR_PARTITION, retriable): look again, create what is still missing
      for (let attempt = 1; ; attempt++) {
        try {
          await this.createMissing(admin, wanted);
          break;
        } catch (err) {
          // another process created one of them between our look and our create: look again
          // (kafkajs reports a batch where only some topics exist as an aggregate of per-topic errors)
          const e = err as { retriable?: boolean; type?: string; errors?: { retriable?: boolean; type?: string }[] };
          const again = (x: { retriable?: boolean; type?: string }) =>
            x.retriable === true || x.type === 'UNKNOWN_TOPIC_OR_PARTITION' || x.type === 'TOPIC_ALREADY_EXISTS';
          if (!(again(e) || (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(again))) || attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
        }
      }
      for (const t of wanted) this.known.add(t);
    } finally {
      await admin.disconnect();
    }
  }

  private async createMissing(admin: Admin, wanted: string[]): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 8,
          replicationFactor: this.options.replicationFactor ?? 1,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
            { name: 'min.insync.replicas', value: String(Math.min(2, this.options.replicationFactor ?? 1)) },
          ],
        })),
      });
    }
    await admin.fetchTopicMetadata({ topics: wanted });
  }

  /** High watermark (next offset to be written) of every partition of the topics. */
  async endOffsets(topics: string[]): Promise<{ topic: string; partition: number; low: bigint; high: bigint }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const out: { topic: string; partition: number; low: bigint; high: bigint }[] = [];
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(this.physical(topic)))
          out.push({ topic, partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) });
      }
      return out;
    } finally {
      await admin.disconnect();
    }
  }

  /** The retention settings of a topic as the broker reports them (`retention.ms`, `retention.bytes`, `cleanup.policy`). */
  async topicRetention(topic: string): Promise<Record<string, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: this.physical(topic), configNames: ['retention.ms', 'retention.bytes', 'cleanup.policy'] },
        ],
      });
      return Object.fromEntries((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
    } finally {
      await admin.disconnect();
    }
  }

  async groupProgress(groupId: string, topics: string[]): Promise<GroupPartitionProgress[]> {
    if (!this.progressAdmin) {
      const admin = this.kafka.admin();
      this.progressAdmin = admin.connect().then(() => admin);
      this.progressAdmin.catch(() => (this.progressAdmin = null));
    }
    const admin = await this.progressAdmin;
    const committed = await admin.fetchOffsets({ groupId: `${this.prefix}${groupId}`, topics: topics.map((t) => this.physical(t)) });
    const out: GroupPartitionProgress[] = [];
    for (const topic of topics) {
      const group = committed.find((c) => c.topic === this.physical(topic))?.partitions ?? [];
      for (const e of await admin.fetchTopicOffsets(this.physical(topic))) {
        const c = BigInt(group.find((g) => g.partition === e.partition)?.offset ?? '-1');
        out.push({ topic, partition: e.partition, end: BigInt(e.high), committed: c >= 0n ? c : BigInt(e.low) });
      }
    }
    return out;
  }

  /**
   * Per partition of `topics` (logical names): the high watermark now and the group's committed
   * position (where a new group starts when it has none), read from the broker.
   */
  private async startProgress(
    groupId: string,
    topics: string[],
    fromBeginning: boolean,
  ): Promise<Map<string, { high: bigint; next: bigint; nextValue: string | null; lastValue: string | null }>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // a topic created a moment ago may not have its leaders known to every broker yet
      // (NOT_LEADER_FOR_PARTITION, retriable): ask again with fresh metadata
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.readStartProgress(admin, groupId, topics, fromBeginning);
        } catch (err) {
          if ((err as { retriable?: boolean }).retriable !== true || attempt >= 10) throw err;
          await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
          await admin.fetchTopicMetadata({ topics: topics.map((t) => this.physical(t)) }).catch(() => undefined);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async readStartProgress(
    admin: Admin,
    groupId: string,
    topics: string[],
    fromBeginning: boolean,
  ): Promise<Map<string, { high: bigint; next: bigint; nextValue: string | null; lastValue: string | null }>> {
    const out = new Map<string, { high: bigint; next: bigint; nextValue: string | null; lastValue: string | null }>();
    const committed = await admin.fetchOffsets({ groupId, topics: topics.map((t) => this.physical(t)) });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(this.physical(topic));
      const group = committed.find((c) => c.topic === this.physical(topic))?.partitions ?? [];
      for (const e of ends) {
        const c = BigInt(group.find((g) => g.partition === e.partition)?.offset ?? '-1');
        const next = c >= 0n ? c : fromBeginning ? BigInt(e.low) : BigInt(e.high);
        out.set(`${topic}/${e.partition}`, { high: BigInt(e.high), next, nextValue: null, lastValue: null });
      }
    }
    return out;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    const byTopic = new Map<string, BusMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic.entries()].map(([topic, ms]) => ({
        topic: this.physical(topic),
        messages: ms.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
      })),
    });
  }

  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    const policy = { ...DEFAULT_POLICY, ...options };
    const log = (options.logger ?? this.logger).child({ groupId: options.groupId });
    const consumer = this.kafka.consumer({
      groupId: `${this.prefix}${options.groupId}`,
      sessionTimeout: 10_000,
      rebalanceTimeout: 20_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
      allowAutoTopicCreation: false,
      retry: {
        retries: 10,
        restartOnFailure: async (err) => {
          log.error({ err: err.message }, 'kafka consumer crashed; restarting');
          return true;
        },
      },
    });
    this.consumers.add(consumer);
    let running = false;
    let stopping = false;
    // What this subscriber knows of each partition (`<logical topic>/<partition>`): the end it last
    // saw (high watermark), the next offset to handle, the next message's value when fetched, and
    // the last handled one's. Seeded from the broker before the consumer runs, so a read served
    // right after a (re)start already knows how far behind the read side is.
    const progress = await this.startProgress(`${this.prefix}${options.groupId}`, options.topics, options.fromBeginning ?? true);
    const startEnds = new Map([...progress].map(([tp, p]) => [tp, p.high]));
    let assigned: Set<string> | null = null;
    let caughtUp = false;
    const mine = () => [...progress.entries()].filter(([tp]) => assigned === null || assigned.has(tp));
    const positions = new Map<string, { topic: string; partition: number; next: bigint }>();
    const offsets = new OffsetCommitter(COMMIT_INTERVAL_MS, COMMIT_MAX_UNCOMMITTED);
    // outside a batch (timer, rebalance, stop) through the consumer; it refuses once stop() has begun
    const viaConsumer: CommitOffsets = (o) => consumer.commitOffsets(o);
    const flushQuietly = (why: string) =>
      offsets
        .flush(viaConsumer)
        .catch((err: unknown) =>
          log.warn({ err: (err as Error).message }, `kafka: offset commit (${why}) failed; the next owner may see those messages again`),
        );
    // partitions that went quiet after a batch still get their last offsets committed
    const flushTimer = setInterval(() => {
      if (!stopping && offsets.size > 0) void flushQuietly('interval');
    }, COMMIT_INTERVAL_MS);
    flushTimer.unref();
    consumer.on(consumer.events.REBALANCING, () => {
      if (!stopping && offsets.size > 0) void flushQuietly('rebalance');
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      offsets.keepOnly(e.payload.memberAssignment);
      assigned = new Set(Object.entries(e.payload.memberAssignment).flatMap(([t, ps]) => ps.map((p) => `${this.logical(t)}/${p}`)));
      running = true;
    });
    consumer.on(consumer.events.CRASH, () => {
      running = false;
    });
    await consumer.connect();
    for (const topic of options.topics) await consumer.subscribe({ topic: this.physical(topic), fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // partitions are independent (order is per key = per partition), so several run at once
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const { partition } = batch;
        const topic = this.logical(batch.topic);
        const key = OffsetCommitter.key(batch.topic, partition);
        // not consumer.commitOffsets: kafkajs silently drops that once stop() has begun, so the
        // messages handled while stopping would be redelivered; this commits unconditionally
        const viaBatch: CommitOffsets = (o) =>
          commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: o.map(({ partition: p, offset }) => ({ partition: p, offset })) }] });
        const tp = `${topic}/${partition}`;
        const known = progress.get(tp) ?? { high: 0n, next: 0n, nextValue: null, lastValue: null };
        progress.set(tp, known);
        known.high = BigInt(batch.highWatermark);
        if (batch.messages[0]) {
          known.next = BigInt(batch.messages[0].offset);
          known.nextValue = batch.messages[0].value?.toString() ?? null;
        }
        // a run of messages through the batch handler (one transaction) when the subscriber has
        // one; what it could not handle is delivered one by one below
        let handledUpTo = -1;
        if (options.batchHandler && batch.messages.length > 1) {
          const max = options.maxBatchSize ?? DEFAULT_MAX_BATCH;
          for (let from = 0; from < batch.messages.length && isRunning() && !isStale() && !stopping; from += max) {
            const run = batch.messages.slice(from, from + max);
            const raws = run.map((m) => ({ key: m.key?.toString() ?? '', value: m.value?.toString() ?? '', headers: headersToStrings(m.headers) }));
            if (!(await deliverBatch(raws, { topic, groupId: options.groupId }, options.batchHandler, this.registry, log))) break;
            const last = run[run.length - 1]!;
            for (const m of run) resolveOffset(m.offset);
            handledUpTo = from + run.length - 1;
            positions.set(tp, { topic, partition, next: BigInt(last.offset) + 1n });
            known.next = BigInt(last.offset) + 1n;
            known.lastValue = last.value?.toString() ?? null;
            known.nextValue = batch.messages[handledUpTo + 1]?.value?.toString() ?? null;
            if (offsets.handled(batch.topic, partition, (BigInt(last.offset) + 1n).toString())) await offsets.flush(viaBatch, [key]);
            await heartbeat();
          }
        }
        for (const [i, message] of batch.messages.entries()) {
          if (i <= handledUpTo) continue;
          if (!isRunning() || isStale() || stopping) break;
          const result = await deliver(
            { key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers: headersToStrings(message.headers) },
            { topic, partition, offset: message.offset, groupId: options.groupId },
            options.handler,
            this.registry,
            policy,
            log,
            () => isRunning() && !isStale() && !stopping,
          );
          if (result.ok === 'stopped') break;
          if (result.ok === false) await this.publish([result.dlq]);
          resolveOffset(message.offset);
          positions.set(tp, { topic, partition, next: BigInt(message.offset) + 1n });
          known.next = BigInt(message.offset) + 1n;
          known.lastValue = known.nextValue;
          known.nextValue = batch.messages[i + 1]?.value?.toString() ?? null;
          // Commit progress at most every second per partition (or every 100 messages), and
          // heartbeat after EVERY message (kafkajs sends one only when heartbeatInterval has
          // passed). Heartbeating only every 100 offsets let slow handlers (a database under load)
          // outlive the session timeout: the member was evicted, its commits were refused, the batch
          // was redelivered and the group never caught up (found by the C2 fault test).
          if (offsets.handled(batch.topic, partition, (BigInt(message.offset) + 1n).toString())) await offsets.flush(viaBatch, [key]);
          await heartbeat();
        }
        // a batch ending while the member stops or loses the partition commits what it handled now
        if (stopping || !isRunning() || isStale() || offsets.isDue(key)) await offsets.flush(viaBatch, [key]);
        await heartbeat();
      },
    });
    const subscription: Subscription = {
      stop: async () => {
        untrack();
        stopping = true;
        clearInterval(flushTimer);
        // what earlier batches handled, while the consumer still accepts commits
        if (offsets.size > 0) await flushQuietly('stop');
        await consumer.stop();
        await consumer.disconnect();
        this.consumers.delete(consumer);
        running = false;
      },
      lag: (): PartitionLag[] =>
        mine().map(([tp, p]) => {
          const lag = Number(p.high > p.next ? p.high - p.next : 0n);
          const slash = tp.lastIndexOf('/');
          // the next message when fetched; else it came after the last handled one, whose time bounds its age
          const oldestPendingAt = lag === 0 ? null : (eventTimeOf(p.nextValue) ?? eventTimeOf(p.lastValue));
          return { topic: tp.slice(0, slash), partition: Number(tp.slice(slash + 1)), lag, oldestPendingAt };
        }),
      caughtUpWithStart: () => {
        caughtUp ||= assigned !== null && mine().every(([tp, p]) => p.next >= (startEnds.get(tp) ?? 0n));
        return caughtUp;
      },
      isRunning: () => running,
      positions: () => [...positions.values()],
    };
    const untrack = consumerMetrics.track(options.groupId, subscription);
    return subscription;
  }

  async close(): Promise<void> {
    const admin = this.progressAdmin;
    this.progressAdmin = null;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
    for (const c of [...this.consumers]) await c.disconnect().catch(() => undefined);
    this.consumers.clear();
    if (this.producer) await this.producer.disconnect().catch(() => undefined);
    this.producer = null;
  }
}
