/** One partition's offset to commit: the next offset the group should read. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** Sends offsets to the group coordinator (kafkajs `commitOffsetsIfNecessary(...)` or `consumer.commitOffsets`). */
export type CommitOffsets = (offsets: PartitionOffset[]) => Promise<void>;

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * Offsets of handled messages, committed per partition at most once per `intervalMs` (or after
 * `maxUncommitted` messages) instead of after every batch. At low rates every batch is a single
 * message, and a commit per message doubled the broker's work for nothing. What is handled but not
 * yet committed is flushed by the caller's timer, before a rebalance and on stop; a crash can
 * redeliver at most the last interval, which consumers tolerate (they are idempotent).
 *
 * Commits run one at a time, each taking the latest offsets when it starts, so an older offset never
 * lands after a newer one. After a rebalance, offsets of partitions this member no longer owns are
 * dropped (`keepOnly`): committing them would move the new owner's position back.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, PartitionOffset & { count: number }>();
  private readonly committedAt = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly maxUncommitted: number,
    private readonly now: () => number = Date.now,
  ) {}

  static key = keyOf;

  /** Records a handled message (`nextOffset` = its offset + 1); true when its partition is due. */
  handled(topic: string, partition: number, nextOffset: string): boolean {
    const key = keyOf(topic, partition);
    const count = (this.pending.get(key)?.count ?? 0) + 1;
    this.pending.set(key, { topic, partition, offset: nextOffset, count });
    return count >= this.maxUncommitted || this.isDue(key);
  }

  /** The partition has something to commit and its last commit is at least `intervalMs` old. */
  isDue(key: string): boolean {
    return this.pending.has(key) && this.now() - (this.committedAt.get(key) ?? 0) >= this.intervalMs;
  }

  /** Partitions with handled offsets not yet committed. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Commits the pending offsets of the given partitions (all when omitted) with `commit`, after any
   * commit in progress. A failed commit is not retried with the same offsets (the partition may
   * have moved to another member); the error is passed on to the caller.
   */
  flush(commit: CommitOffsets, keys?: readonly string[]): Promise<void> {
    const run = async () => {
      const taken = (keys ?? [...this.pending.keys()]).flatMap((k) => {
        const p = this.pending.get(k);
        if (!p) return [];
        this.pending.delete(k);
        return [[k, p] as const];
      });
      if (taken.length === 0) return;
      await commit(taken.map(([, p]) => ({ topic: p.topic, partition: p.partition, offset: p.offset })));
      const at = this.now();
      for (const [k] of taken) this.committedAt.set(k, at);
    };
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** After a rebalance: forgets the offsets of partitions not in the member's new assignment. */
  keepOnly(assignment: Record<string, readonly number[]>): void {
    const owned = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => keyOf(topic, p))));
    for (const k of [...this.pending.keys()]) if (!owned.has(k)) this.pending.delete(k);
    for (const k of [...this.committedAt.keys()]) if (!owned.has(k)) this.committedAt.delete(k);
  }
}
