import type { Logger } from 'pino';
import type { EventRegistry } from '../contracts/define-event';
import { dlqOf } from '../envelope';
import { DEFAULT_MAX_BATCH, DEFAULT_POLICY, deliver, deliverBatch } from '../delivery';
import { eventTimeOf } from '../event-time';
import type { BusMessage, EventBus, GroupPartitionProgress, PartitionLag, Subscription, SubscriptionOptions } from '../ports';
import { consumerMetrics } from '../metrics';

interface StoredMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

interface Member {
  id: number;
  partitions: Set<string>; // `${topic}/${partition}`
  wake: () => void;
}

interface Group {
  offsets: Map<string, number>; // committed next offset per `${topic}/${partition}`
  members: Member[];
  topics: Set<string>;
  /** Reads a topic's history (not only what is published from now on). */
  fromBeginning: boolean;
}

/** Stable string hash → partition, so one key always lands on one partition. */
export function partitionFor(key: string, partitions: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % partitions;
}

/**
 * In-process event bus with Kafka's semantics where the platform relies on them: keyed
 * partitions (per-aggregate order), consumer groups with committed offsets, partitions shared
 * among a group's members, redelivery of uncommitted messages, bounded retries and a DLQ.
 * The embedded default; messages live in memory for the life of the process.
 */
export class InMemoryBus implements EventBus {
  readonly kind = 'in-memory' as const;
  private readonly topics = new Map<string, StoredMessage[][]>();
  private readonly groups = new Map<string, Group>();
  private nextMemberId = 1;
  private closed = false;

  constructor(
    private readonly registry: EventRegistry,
    private readonly logger: Logger,
    private readonly partitions = 4,
  ) {}

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) {
      this.topic(t);
      this.topic(dlqOf(t));
    }
  }

  private topic(name: string): StoredMessage[][] {
    let t = this.topics.get(name);
    if (!t) {
      t = Array.from({ length: this.partitions }, () => []);
      this.topics.set(name, t);
    }
    return t;
  }

  /** Messages of a topic, in partition order (for tests and the DLQ replay tool). */
  messages(topic: string): StoredMessage[] {
    return (this.topics.get(topic) ?? []).flat();
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus closed');
    const touched = new Set<string>();
    for (const m of messages) {
      const parts = this.topic(m.topic);
      parts[partitionFor(m.key, parts.length)]!.push({ key: m.key, value: m.value, headers: m.headers ?? {} });
      touched.add(m.topic);
    }
    for (const g of this.groups.values()) {
      if ([...touched].some((t) => g.topics.has(t))) for (const member of g.members) member.wake();
    }
  }

  private rebalance(group: Group): void {
    const all = [...group.topics].flatMap((t) => this.topic(t).map((_, p) => `${t}/${p}`));
    for (const m of group.members) m.partitions = new Set();
    all.forEach((tp, i) => group.members[i % group.members.length]?.partitions.add(tp));
    for (const m of group.members) m.wake();
  }

  async subscribe(options: SubscriptionOptions): Promise<Subscription> {
    const policy = { ...DEFAULT_POLICY, ...options };
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = { offsets: new Map(), members: [], topics: new Set(), fromBeginning: options.fromBeginning !== false };
      this.groups.set(options.groupId, group);
    }
    const g = group;
    for (const t of options.topics) {
      const parts = this.topic(t);
      g.topics.add(t);
      if (options.fromBeginning === false) {
        parts.forEach((log, p) => {
          if (!g.offsets.has(`${t}/${p}`)) g.offsets.set(`${t}/${p}`, log.length);
        });
      }
    }
    // the end of every partition when this subscriber started: the position readiness waits for
    const startEnds = new Map<string, number>();
    for (const t of options.topics) this.topic(t).forEach((log, p) => startEnds.set(`${t}/${p}`, log.length));
    let caughtUp = false;
    let running = true;
    let signal: (() => void) | null = null;
    const member: Member = {
      id: this.nextMemberId++,
      partitions: new Set(),
      wake: () => {
        const s = signal;
        signal = null;
        s?.();
      },
    };
    g.members.push(member);
    this.rebalance(g);
    const log = (options.logger ?? this.logger).child({ groupId: options.groupId, member: member.id });

    const loop = (async () => {
      while (running) {
        let worked = false;
        for (const tp of [...member.partitions]) {
          if (!running) break;
          const [topic, p] = [tp.slice(0, tp.lastIndexOf('/')), Number(tp.slice(tp.lastIndexOf('/') + 1))];
          const log_ = this.topic(topic)[p]!;
          const offset = g.offsets.get(tp) ?? 0;
          const msg = log_[offset];
          if (!msg) continue;
          worked = true;
          // what is waiting on the partition, through the batch handler (one transaction) if any
          const run = options.batchHandler ? log_.slice(offset, offset + (options.maxBatchSize ?? DEFAULT_MAX_BATCH)) : [];
          if (run.length > 1 && (await deliverBatch(run, { topic, groupId: options.groupId }, options.batchHandler!, this.registry, log))) {
            if (member.partitions.has(tp)) g.offsets.set(tp, offset + run.length);
            await new Promise((r) => setImmediate(r));
            continue;
          }
          const result = await deliver(
            msg,
            { topic, partition: p, offset: String(offset), groupId: options.groupId },
            options.handler,
            this.registry,
            policy,
            log,
            () => running,
          );
          if (result.ok === 'stopped') break;
          if (result.ok === false) await this.publish([result.dlq]);
          // commit only if this member still owns the partition (no rebalance in between)
          if (member.partitions.has(tp)) g.offsets.set(tp, offset + 1);
          await new Promise((r) => setImmediate(r));
        }
        if (!worked && running) await new Promise<void>((resolve) => (signal = resolve));
      }
    })();

    const subscription: Subscription = {
      stop: async () => {
        untrack();
        running = false;
        member.wake();
        await loop;
        g.members = g.members.filter((m) => m !== member);
        if (g.members.length > 0) this.rebalance(g);
      },
      lag: (): PartitionLag[] =>
        [...member.partitions].map((tp) => {
          const [topic, p] = [tp.slice(0, tp.lastIndexOf('/')), Number(tp.slice(tp.lastIndexOf('/') + 1))];
          const log_ = this.topic(topic)[p]!;
          const next = g.offsets.get(tp) ?? 0;
          const lag = Math.max(0, log_.length - next);
          return { topic, partition: p, lag, oldestPendingAt: lag > 0 ? eventTimeOf(log_[next]?.value) : null };
        }),
      caughtUpWithStart: () => {
        caughtUp ||= [...member.partitions].every((tp) => (g.offsets.get(tp) ?? 0) >= (startEnds.get(tp) ?? 0));
        return caughtUp;
      },
      isRunning: () => running,
      positions: () =>
        [...g.offsets.entries()].map(([tp, next]) => ({
          topic: tp.slice(0, tp.lastIndexOf('/')),
          partition: Number(tp.slice(tp.lastIndexOf('/') + 1)),
          next: BigInt(next),
        })),
    };
    const untrack = consumerMetrics.track(options.groupId, subscription);
    return subscription;
  }

  async groupProgress(groupId: string, topics: string[]): Promise<GroupPartitionProgress[]> {
    const g = this.groups.get(groupId);
    return topics.flatMap((topic) =>
      this.topic(topic).map((log, partition) => ({
        topic,
        partition,
        end: BigInt(log.length),
        committed: BigInt(g?.offsets.get(`${topic}/${partition}`) ?? 0),
      })),
    );
  }

  /** The groups (with a running member) that read a topic's history: who a replay is for. */
  followers(topic: string): string[] {
    return [...this.groups.entries()]
      .filter(([, g]) => g.fromBeginning && g.members.length > 0 && g.topics.has(topic))
      .map(([id]) => id)
      .sort();
  }

  /** Whether every running group that reads history has consumed every message of its topics. */
  consumedEverything(): boolean {
    for (const g of this.groups.values()) {
      if (!g.fromBeginning || g.members.length === 0) continue;
      for (const t of g.topics) if (this.topic(t).some((log, p) => (g.offsets.get(`${t}/${p}`) ?? 0) < log.length)) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.groups.values()) for (const m of g.members) m.wake();
  }
}
