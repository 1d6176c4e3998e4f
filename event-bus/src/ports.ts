import type { Logger } from 'pino';
import type { EventEnvelope } from './envelope';

/** A message as it travels: key = aggregate id (per-aggregate order), value = JSON envelope. */
export interface BusMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface DeliveryInfo {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on first delivery attempt in this process. */
  attempt: number;
  /** The (logical) consumer group handling the message; recorded on DLQ entries. */
  groupId?: string;
}

export type EventHandler = (event: EventEnvelope, delivery: DeliveryInfo) => Promise<void>;

export type BatchHandler = (events: EventEnvelope[]) => Promise<void>;

export interface SubscriptionOptions {
  /** Consumer group, `<service>.<purpose>` (e.g. `contacts-read.projector`). */
  groupId: string;
  topics: string[];
  handler: EventHandler;
  /**
   * Optional: handles a run of consumed messages at once (a projector writing a batch in one
   * transaction). When it fails, or a message is invalid or a DLQ replay, those messages go one by
   * one through `handler` (bounded retries, then the DLQ), so a batch never loses a message.
   */
  batchHandler?: BatchHandler;
  /** Largest run given to `batchHandler` (default 500). */
  maxBatchSize?: number;
  /** Attempts before a failing message goes to the DLQ (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to 5 s (default 100 ms). */
  retryBackoffMs?: number;
  /**
   * Where a NEW group starts: the oldest retained message (default, projections) or only what is
   * published from now on (per-instance cache invalidation).
   */
  fromBeginning?: boolean;
  /** The subscribing service's logger (its lines then name that service); default: the bus's. */
  logger?: Logger;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages known on the partition but not yet handled by this subscriber. */
  lag: number;
  /**
   * When the oldest of those was written (the event's `occurredAt`, epoch ms), or an upper bound of
   * it (the time of the last message handled on the partition); null when nothing is pending or
   * nothing about the pending messages is known yet (e.g. before the first fetch after a start).
   */
  oldestPendingAt: number | null;
}

export interface GroupPartitionProgress {
  topic: string;
  partition: number;
  end: bigint;
  committed: bigint;
}

export interface Subscription {
  /** Stops fetching, lets the in-flight message finish, commits, leaves the group. */
  stop(): Promise<void>;
  /**
   * Per-partition lag as last observed, for every partition this subscriber handles (all of the
   * topics' partitions until the group assigned them). Known from the moment subscribe() resolves:
   * the end of every partition and the group's position are read when it starts.
   */
  lag(): PartitionLag[];
  /**
   * True once this subscriber has handled everything that was on its partitions when it
   * subscribed (the write side's position at start): readiness waits for it.
   */
  caughtUpWithStart(): boolean;
  /** True once the subscriber has joined and is fetching. */
  isRunning(): boolean;
  /** Next offset to handle per partition this subscriber has handled messages of (handled or dead-lettered). */
  positions(): { topic: string; partition: number; next: bigint }[];
}

export interface EventPublisher {
  /** Resolves once every message is durably accepted by the bus (acks=all for Kafka). */
  publish(messages: BusMessage[]): Promise<void>;
}

export interface EventBus extends EventPublisher {
  readonly kind: 'kafka' | 'in-memory';
  /** Creates the topics (and their DLQ twins) if missing. */
  ensureTopics(topics: string[]): Promise<void>;
  subscribe(options: SubscriptionOptions): Promise<Subscription>;
  /**
   * Another process's progress, as the bus knows it: per partition of `topics`, the end (next
   * offset to be written) and the consumer group's committed position (where a group without one
   * starts: the oldest retained message).
   */
  groupProgress(groupId: string, topics: string[]): Promise<GroupPartitionProgress[]>;
  close(): Promise<void>;
}

export function toBusMessage(topic: string, event: EventEnvelope): BusMessage {
  return {
    topic,
    key: event.aggregateId,
    value: JSON.stringify(event),
    headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'tenant-id': event.tenantId },
  };
}
