import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventPublisher, BusMessage } from '../ports';
import type { EventEnvelope } from '../envelope';
import { outboxMetrics } from '../metrics';

export interface OutboxRelayOptions {
  /** Rows per publish (default 500). */
  batchSize?: number;
  /** Poll interval when nobody kicks the relay (default 100 ms). */
  pollIntervalMs?: number;
  /**
   * Longest poll interval once the outbox stays empty (default 1 s): each empty pass doubles the
   * wait from `pollIntervalMs` up to this; a commit (kick) or a pass that found rows resets it.
   * Commits in this process kick the relay at once, so an idle platform does not query its
   * databases ten times a second per service, and publishing latency stays the same.
   */
  maxIdlePollIntervalMs?: number;
  /** Upper bound of the final drain in stop() (default 10 s). */
  stopDrainTimeoutMs?: number;
  /** Advisory-lock key: one active relay per service database (default derived from the name). */
  name: string;
}

function lockKeyOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

/**
 * Publishes committed outbox rows in id order and marks them published, inside one transaction
 * holding a transaction-scoped advisory lock, so at most one relay per database publishes at a
 * time (per-aggregate order holds across replicas). A crash between publish and mark means the
 * rows are published again: at-least-once, never lost; consumers are idempotent.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;
  private readonly lockKey: number;
  private readonly batchSize: number;
  published = 0;
  lastError: string | null = null;
  private untrack: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {
    this.lockKey = lockKeyOf(`outbox:${options.name}`);
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // backlog and lag are read when /metrics is scraped (one indexed query), not on the hot path
    this.untrack ??= outboxMetrics.track(this.options.name, () => this.backlog());
    this.loop = this.run();
  }

  /** Asks the relay to look for new rows now (called after a command commits). */
  kick(): void {
    this.kicked = true;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /**
   * Finishes the batch in progress, then publishes the rows committed before the call (stop it
   * after the writers: a graceful shutdown then loses no committed event's publication) and stops.
   * When another replica holds the lock the rows are left to it; when the bus fails (or takes
   * longer than `stopDrainTimeoutMs`) they stay in the outbox for the next relay to start.
   */
  async stop(): Promise<void> {
    this.untrack?.();
    this.untrack = null;
    if (!this.loop) return;
    this.running = false;
    this.kick();
    await this.loop;
    this.loop = null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.stopDrainTimeoutMs ?? 10_000);
    });
    try {
      const result = await Promise.race([this.drain(), timeout]);
      if (result === 'timeout') this.logger.warn('outbox relay: final drain timed out; rows left for the next relay');
    } catch (err) {
      this.lastError = (err as Error).message;
      this.logger.warn({ err: this.lastError }, 'outbox relay: final drain failed; rows left for the next relay');
    } finally {
      clearTimeout(timer);
    }
    await this.invalidateLateMarker().catch((err: unknown) =>
      this.logger.warn({ err: (err as Error).message }, 'outbox relay: could not check the replay marker'),
    );
  }

  /** Publishes until the outbox is empty; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  /**
   * Marks every outbox row unpublished so the whole history goes out again (used when the bus is
   * the in-process one, which starts empty; consumers skip what they already applied).
   */
  async replayAll(): Promise<void> {
    await this.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE published_at IS NOT NULL`);
    this.kick();
  }

  /**
   * Re-publishes into the in-process bus (which starts empty) what its consumers may not have
   * applied: after a clean stop (a marker, see recordCleanStop) only the rows after it, else the
   * whole history. Consumes the marker, so a crash after this start replays everything again.
   * Returns how many rows go out again and the marker used (its consumer groups per topic; null:
   * everything was replayed), so the caller can replay everything after all when a group that was
   * not there then follows now.
   */
  async replayIntoInProcessBus(): Promise<{ rows: number; marker: { after: string; groups: Record<string, string[]> } | null }> {
    const result = await this.dataSource.transaction(async (m) => {
      await m.query(MARKER_TABLE_SQL);
      const [row] = (await m.query(
        `WITH used AS (DELETE FROM outbox_replay_marker RETURNING replay_after, groups) SELECT replay_after::text AS after, groups FROM used`,
      )) as { after: string; groups: Record<string, string[]> | string }[];
      const [again] = (await m.query(
        `WITH again AS (UPDATE outbox SET published_at = NULL WHERE published_at IS NOT NULL AND id > $1::bigint RETURNING 1)
         SELECT count(*)::int AS n FROM again`,
        [row?.after ?? '0'],
      )) as { n: number }[];
      const marker = row
        ? { after: row.after, groups: typeof row.groups === 'string' ? (JSON.parse(row.groups) as Record<string, string[]>) : row.groups }
        : null;
      return { rows: Number(again?.n ?? 0), marker };
    });
    this.kick();
    return result;
  }

  /** The id of the last committed row ('0' when none): the position recordCleanStop records. */
  async lastCommittedId(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT COALESCE(max(id), 0)::text AS max FROM outbox`)) as { max: string }[];
    return row?.max ?? '0';
  }

  /**
   * Records that every consumer (the `groups` following each topic) applied every row up to
   * `after`: the next start on the in-process bus replays only later rows.
   */
  async recordCleanStop(after: string, groups: Record<string, string[]>, checkedSince: Date): Promise<void> {
    await this.dataSource.query(MARKER_TABLE_SQL);
    await this.dataSource.query(
      `INSERT INTO outbox_replay_marker (singleton, replay_after, groups, recorded_at) VALUES (true, $1::bigint, $2::jsonb, $3)
       ON CONFLICT (singleton) DO UPDATE SET replay_after = EXCLUDED.replay_after, groups = EXCLUDED.groups, recorded_at = EXCLUDED.recorded_at`,
      [after, JSON.stringify(groups), checkedSince],
    );
  }

  /**
   * Drops the marker if a row it covers was published after the consumers' check began (a
   * transaction that committed late with an earlier id): the next start then replays everything.
   * Runs after the final drain in stop().
   */
  private async invalidateLateMarker(): Promise<void> {
    const [table] = (await this.dataSource.query(`SELECT to_regclass('outbox_replay_marker') IS NOT NULL AS present`)) as { present: boolean }[];
    if (!table?.present) return;
    await this.dataSource.query(
      `DELETE FROM outbox_replay_marker m WHERE EXISTS (
         SELECT 1 FROM outbox o WHERE o.id <= m.replay_after AND o.published_at >= m.recorded_at)`,
    );
  }

  /**
   * Resolves true once every row committed before the call is published (the write side's position
   * at start is then on the bus, where read sides see it), false if that takes longer than
   * `timeoutMs` (or every row up to `upTo`, an id). Needs the relay running (start()).
   */
  async awaitPublished(timeoutMs: number, upTo?: string): Promise<boolean> {
    const [row] = upTo ? [{ max: upTo }] : ((await this.dataSource.query(`SELECT max(id)::text AS max FROM outbox`)) as { max: string | null }[]);
    if (!row?.max) return true;
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const [left] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND id <= $1::bigint) AS left`, [
        row.max,
      ])) as { left: boolean }[];
      if (!left?.left) return true;
      if (Date.now() >= deadline) return false;
      this.kick();
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(0, deadline - Date.now()))));
    }
  }

  /** Rows committed but not yet published. */
  async pending(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[];
    return Number(row?.n ?? 0);
  }

  /** Unpublished rows and the age of the oldest one (0 when none): what the outbox gauges show. */
  async backlog(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM outbox WHERE published_at IS NULL`,
    )) as { n: number; age: number }[];
    return { rows: Number(row?.n ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.age ?? 0)) };
  }

  private async run(): Promise<void> {
    let failures = 0;
    let idlePasses = 0;
    const base = this.options.pollIntervalMs ?? 100;
    const longest = Math.max(base, this.options.maxIdlePollIntervalMs ?? 1000);
    while (this.running) {
      const kicked = this.kicked;
      this.kicked = false;
      let n = 0;
      try {
        n = await this.publishBatch();
        failures = 0;
        this.lastError = null;
      } catch (err) {
        failures++;
        this.lastError = (err as Error).message;
        this.logger.warn({ err: this.lastError, failures }, 'outbox relay: publish failed, will retry');
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** Math.min(failures, 6))));
        continue;
      }
      // a full batch may have left rows behind; a partial one drained the outbox as of its SELECT,
      // so only a kick (a commit since) is worth another pass before the poll interval
      if (n >= this.batchSize || this.kicked) continue;
      idlePasses = n > 0 || kicked ? 0 : idlePasses + 1;
      const wait = Math.min(longest, base * 2 ** Math.min(idlePasses, 20));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /**
   * One pass, three round trips: BEGIN; one statement that takes the advisory lock and marks the
   * next rows published, returning them; COMMIT once the bus acknowledged them. A failed publish
   * rolls the marks back (the rows stay unpublished); a crash before the commit does the same.
   */
  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(CLAIM_SQL, [this.lockKey, this.batchSize])) as {
        id: string;
        topic: string;
        message_key: string;
        payload: EventEnvelope | string;
        traceparent: string | null;
      }[];
      if (rows.length === 0) return 0;
      const messages: BusMessage[] = rows.map((r) => {
        const event = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as EventEnvelope;
        return {
          topic: r.topic,
          key: r.message_key,
          value: JSON.stringify(event),
          headers: {
            'event-type': event.type,
            'schema-version': String(event.schemaVersion),
            'tenant-id': event.tenantId,
            // the writing command's trace context: the consumer continues that trace
            ...(r.traceparent ? { traceparent: r.traceparent } : {}),
          },
        };
      });
      await this.publisher.publish(messages);
      this.published += rows.length;
      outboxMetrics.published.inc({ service: this.options.name }, rows.length);
      return rows.length;
    });
  }
}

/**
 * Where the in-process bus's replay may start after a clean stop (the embedded default): at a
 * graceful stop, once every consumer had consumed every row up to `replay_after`, the relay records
 * it with the consumer groups that followed its topics; the next start replays only later rows (and
 * everything when a group is new or the marker is missing: after a crash). One row at most; a start
 * consumes it. Created on first use: only the in-process bus needs it, and no service lists it in
 * its migrations.
 */
const MARKER_TABLE_SQL = `CREATE TABLE IF NOT EXISTS outbox_replay_marker (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  replay_after bigint NOT NULL,
  groups jsonb NOT NULL,
  recorded_at timestamptz NOT NULL
)`;

/**
 * The relay's claim: the transaction-scoped advisory lock (at most one relay per database
 * publishes; the lock is volatile, so the CTE runs once), then up to `$2` unpublished rows in id
 * order, marked published (in the transaction, so only once the publish commits), returned in
 * id order (by the bigint, not the text). The statement's snapshot is taken before
 * the lock: rows the previous holder published and committed in between are still unpublished in
 * it, so the UPDATE checks `published_at IS NULL` again on the row's latest version and skips them.
 */
const CLAIM_SQL = `WITH lock AS (SELECT pg_try_advisory_xact_lock($1) AS locked),
  next AS (SELECT o.id FROM outbox o, lock WHERE lock.locked AND o.published_at IS NULL ORDER BY o.id LIMIT $2),
  marked AS (UPDATE outbox o SET published_at = now() FROM next WHERE o.id = next.id AND o.published_at IS NULL
    RETURNING o.id, o.topic, o.message_key, o.payload, o.traceparent)
SELECT id::text AS id, topic, message_key, payload, traceparent FROM marked ORDER BY marked.id`;
