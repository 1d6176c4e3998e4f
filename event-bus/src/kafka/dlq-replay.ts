import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import type { Logger } from 'pino';
import { DLQ_GROUP_HEADER, REPLAY_GROUP_HEADER } from '../delivery';
import { dlqOf } from '../envelope';

export interface DlqReplayOptions {
  brokers: string[];
  /** Logical event topic whose DLQ twin is replayed, e.g. `crm.contacts.events`. */
  topic: string;
  /** Only entries this consumer group gave up on (and entries that name no group) go back, to this group only. */
  consumerGroup?: string;
  /** Every entry of the DLQ, also those a previous replay already re-drove (default: only new entries). */
  fromStart?: boolean;
  /** List what would be replayed; publish and record nothing. */
  dryRun?: boolean;
  /** Physical topic/group prefix (isolated test runs on a shared broker). */
  namespace?: string;
  logger: Logger;
}

export interface DlqEntry {
  dlqPartition: number;
  dlqOffset: string;
  key: string;
  originTopic: string | null;
  originPartition: string | null;
  originOffset: string | null;
  consumerGroup: string | null;
  error: string | null;
  attempts: string | null;
  /** The group the entry goes back to (null: every group of the topic). */
  target: string | null;
  /** Chosen for re-driving (re-driven unless this was a dry run). */
  selected: boolean;
}

export interface DlqReplayResult {
  scanned: number;
  replayed: number;
  entries: DlqEntry[];
}

/** The consumer group recording how far replays got, per topic. */
export const replayGroupOf = (topic: string): string => `ops.dlq-replay.${topic}`;

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

/**
 * Re-drives dead-lettered messages into their event topic (same key, so the same partition and
 * per-aggregate order), each marked with the consumer group that gave up on it: that group handles
 * it again, every other group skips it. Projections are idempotent, so a message replayed twice
 * is applied once. Progress is committed in the group `ops.dlq-replay.<topic>`, so a second run
 * re-drives only entries dead-lettered since (`fromStart` re-drives them all).
 */
export async function replayDlq(options: DlqReplayOptions): Promise<DlqReplayResult> {
  const prefix = options.namespace ? `${options.namespace}.` : '';
  const dlqTopic = `${prefix}${dlqOf(options.topic)}`;
  const mainTopic = `${prefix}${options.topic}`;
  const groupId = `${prefix}${replayGroupOf(options.topic)}`;
  const kafka = new Kafka({
    clientId: 'crm-dlq-replay',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  const result: DlqReplayResult = { scanned: 0, replayed: 0, entries: [] };
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(dlqTopic)) throw new Error(`no DLQ topic ${dlqOf(options.topic)} on the broker (is the topic name right?)`);
    const ends = await admin.fetchTopicOffsets(dlqTopic);
    const start = new Map<number, bigint>(ends.map((p) => [p.partition, BigInt(p.low)]));
    if (!options.fromStart) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [dlqTopic] });
      for (const p of committed?.partitions ?? []) {
        if (Number(p.offset) >= 0) start.set(p.partition, BigInt(p.offset) > start.get(p.partition)! ? BigInt(p.offset) : start.get(p.partition)!);
      }
    }
    const todo = ends.filter((p) => BigInt(p.high) > (start.get(p.partition) ?? 0n));
    if (todo.length === 0) return result;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const consumer = kafka.consumer({
      groupId: options.dryRun ? `${groupId}.dry-run.${randomUUID()}` : groupId,
      maxWaitTimeInMs: 50,
      allowAutoTopicCreation: false,
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
      const remaining = new Set(todo.map((p) => p.partition));
      const high = new Map(todo.map((p) => [p.partition, BigInt(p.high)]));
      let finish!: () => void;
      let fail!: (err: Error) => void;
      const done = new Promise<void>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
      consumer.on(consumer.events.CRASH, (e) => fail(e.payload.error));
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          const end = high.get(batch.partition);
          if (end === undefined || !remaining.has(batch.partition)) return;
          const out: { key: string; value: string; headers: Record<string, string> }[] = [];
          let last: bigint | null = null;
          for (const message of batch.messages) {
            const offset = BigInt(message.offset);
            if (offset < (start.get(batch.partition) ?? 0n)) continue;
            if (offset >= end) break;
            const headers = headerStrings(message.headers);
            const recorded = headers[DLQ_GROUP_HEADER] ?? null;
            const selected = !options.consumerGroup || !recorded || recorded === options.consumerGroup;
            const target = options.consumerGroup ?? recorded;
            result.scanned++;
            result.entries.push({
              dlqPartition: batch.partition,
              dlqOffset: message.offset,
              key: message.key?.toString() ?? '',
              originTopic: headers['dlq-origin-topic'] ?? null,
              originPartition: headers['dlq-origin-partition'] ?? null,
              originOffset: headers['dlq-origin-offset'] ?? null,
              consumerGroup: recorded,
              error: headers['dlq-error'] ?? null,
              attempts: headers['dlq-attempts'] ?? null,
              target,
              selected,
            });
            if (selected) {
              const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('dlq-')));
              out.push({
                key: message.key?.toString() ?? '',
                value: message.value?.toString() ?? '',
                headers: {
                  ...kept,
                  ...(target ? { [REPLAY_GROUP_HEADER]: target } : {}),
                  'dlq-replayed-from': `${batch.partition}/${message.offset}`,
                },
              });
            }
            last = offset;
          }
          if (!options.dryRun && out.length > 0) {
            await producer.send({ topic: mainTopic, acks: -1, messages: out });
            result.replayed += out.length;
          }
          if (last !== null) {
            resolveOffset(String(last));
            // committed only after the re-drive was acknowledged: a crash re-drives again, never loses
            if (!options.dryRun) await consumer.commitOffsets([{ topic: dlqTopic, partition: batch.partition, offset: String(last + 1n) }]);
          }
          await heartbeat();
          if (last !== null && last + 1n >= end) {
            remaining.delete(batch.partition);
            if (remaining.size === 0) finish();
          }
        },
      });
      // start where this replay group left off (or at the start of the DLQ)
      for (const p of todo) consumer.seek({ topic: dlqTopic, partition: p.partition, offset: String(start.get(p.partition) ?? 0n) });
      await done;
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    }
    result.entries.sort((a, b) => a.dlqPartition - b.dlqPartition || Number(BigInt(a.dlqOffset) - BigInt(b.dlqOffset)));
    options.logger.info({ topic: options.topic, scanned: result.scanned, replayed: result.replayed }, 'dlq replay finished');
    return result;
  } finally {
    await admin.disconnect();
  }
}
