import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../envelope';
import type { EventBus, Subscription, SubscriptionOptions } from '../ports';
import type { Queryable } from './command-handler';

/** A later version arrived before an earlier one: retry (the earlier one is on its way). */
export class ProjectionGapError extends Error {
  override readonly name = 'ProjectionGapError';
}

/** One aggregate of one tenant, as the read models key it. */
export interface AggregateRef {
  tenantId: string;
  aggregateType: string;
  aggregateId: string;
}

export const refKey = (r: AggregateRef): string => `${r.tenantId}\u0000${r.aggregateType}\u0000${r.aggregateId}`;

/** What a read model holds for one aggregate: the last aggregate version it applied, and its state. */
export interface Applied<S> {
  version: number;
  state: S | null;
}

/** The new state of one aggregate in a read model after a consumed batch. */
export interface Projected<S> {
  ref: AggregateRef;
  /** The aggregate version of the last event applied. */
  version: number;
  /** The version the read model had before this batch (0 when new). */
  previousVersion: number;
  state: S;
  events: EventEnvelope[];
}

/**
 * A read model, as the projector engine needs it. The duplicate-skipping scheme is the engine's
 * and the same for every read model: the aggregate version. An event at or below the version the
 * read model applied for its aggregate is a redelivery (skipped); with `contiguous`, one above the
 * next version is a gap (the batch fails and is retried: the earlier event is on its way).
 */
export interface ReadModel<S> {
  readonly name: string;
  accepts(event: EventEnvelope): boolean;
  readonly contiguous: boolean;
  /**
   * `true` when `save` is one statement that only ever moves a row forward (writes a version
   * only over an older one): then load and save need no transaction, because a projection is a
   * function of the event stream and the newer version always wins. `false`: the engine runs the
   * batch in one transaction and `load` must lock what it reads.
   */
  readonly saveIsAtomic: boolean;
  /**
   * The applied version and state of each aggregate named, in one round trip (`upTo` is the
   * highest version the batch carries for it, for read models that advance their versions here).
   */
  load(q: Queryable, refs: (AggregateRef & { upTo: number })[]): Promise<Map<string, Applied<S>>>;
  /** Pure: the state after one event (the read model's projection file). */
  project(state: S | null, event: EventEnvelope): S;
  /** Writes the new states, with their versions, in as few round trips as it can (one, ideally). */
  save(q: Queryable, changed: Projected<S>[]): Promise<void>;
  /** After the commit: cache write-through / invalidation. Failures are logged, not retried. */
  afterCommit?(changed: Projected<S>[]): Promise<void>;
}

export interface ProjectorStats {
  /** Events applied by at least one read model. */
  applied: number;
  /** Events every read model concerned had applied already (redeliveries). */
  duplicates: number;
  /** Consumed batches that changed something (one database write each, per read model). */
  batches: number;
  lastAppliedAt: number | null;
  lastEventOccurredAt: number | null;
}

export interface ProjectorOptions {
  /** The in-process signal(s) a projected aggregate emits with its new version (read-your-writes waiters). */
  signalOf?: (ref: AggregateRef) => string;
}

/** The default signal name of an aggregate (`tenant:type:id`). */
export const appliedSignal = (tenantId: string, aggregateType: string, aggregateId: string): string => `${tenantId}:${aggregateType}:${aggregateId}`;

/**
 * The projector engine of every read side: for a consumed batch of events, each read model loads
 * the applied version of the aggregates concerned (one round trip), skips redeliveries, folds the
 * new events through its pure projection and saves the result (one write per batch, not per
 * event), all in one transaction unless the read model's save is atomic on its own. After the
 * commit it runs the read models' cache invalidation, counts stats and wakes read-your-writes
 * waiters. Retries and the DLQ are the bus's (`deliver`): a failing batch is retried event by
 * event, and an event that keeps failing is dead-lettered.
 */
export class Projector {
  readonly stats: ProjectorStats = { applied: 0, duplicates: 0, batches: 0, lastAppliedAt: null, lastEventOccurredAt: null };
  /** Emits `signalOf(ref)` with the new version, and `applied` with each applied event. */
  readonly applied = new EventEmitter();
  private readonly signalOf: (ref: AggregateRef) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModel<any>[],
    private readonly logger: Logger,
    options: ProjectorOptions = {},
  ) {
    this.applied.setMaxListeners(0);
    this.signalOf = options.signalOf ?? ((r) => appliedSignal(r.tenantId, r.aggregateType, r.aggregateId));
  }

  /** Consumes topics: runs of messages go through `handleBatch`, single ones (and failed runs, retried) through `handle`. */
  subscribe(bus: EventBus, options: Omit<SubscriptionOptions, 'handler' | 'batchHandler'>): Promise<Subscription> {
    return bus.subscribe({ ...options, handler: this.handle, batchHandler: this.handleBatch });
  }

  /** One event (the bus's per-message handler, and the fallback when a batch fails). */
  handle = (event: EventEnvelope): Promise<void> => this.handleBatch([event]);

  /** A consumed batch, in partition order. */
  handleBatch = async (events: EventEnvelope[]): Promise<void> => {
    const work = this.readModels.map((model) => ({ model, events: events.filter((e) => model.accepts(e)) })).filter((w) => w.events.length > 0);
    if (work.length === 0) return;
    const run = async (q: Queryable) => {
      const out: { model: ReadModel<unknown>; changed: Projected<unknown>[] }[] = [];
      for (const w of work) out.push({ model: w.model, changed: await projectBatch(q, w.model, w.events) });
      return out;
    };
    const atomic = work.length === 1 && work[0]!.model.saveIsAtomic;
    const results = atomic ? await run(this.dataSource) : await this.dataSource.transaction((m) => run(m));
    const appliedIds = new Set<string>();
    for (const { model, changed } of results) {
      for (const c of changed) for (const e of c.events) appliedIds.add(e.id);
      if (changed.length > 0) {
        this.stats.batches++;
        await model
          .afterCommit?.(changed)
          .catch((err: unknown) => this.logger.warn({ readModel: model.name, err: (err as Error).message }, 'cache invalidation failed'));
      }
    }
    const concerned = new Set(work.flatMap((w) => w.events.map((e) => e.id)));
    this.stats.duplicates += concerned.size - appliedIds.size;
    if (appliedIds.size === 0) {
      this.logger.debug({ events: concerned.size }, 'events already applied');
      return;
    }
    this.stats.applied += appliedIds.size;
    this.stats.lastAppliedAt = Date.now();
    const last = [...events].reverse().find((e) => appliedIds.has(e.id));
    if (last) this.stats.lastEventOccurredAt = Date.parse(last.occurredAt);
    const latest = new Map<string, { ref: AggregateRef; version: number }>();
    for (const e of events) {
      if (!appliedIds.has(e.id)) continue;
      this.applied.emit('applied', e);
      latest.set(refKey(e), { ref: e, version: e.aggregateVersion });
    }
    for (const { ref, version } of latest.values()) this.applied.emit(this.signalOf(ref), version);
  };
}

/** Loads, skips what was applied, folds the rest through the pure projection, saves. */
async function projectBatch<S>(q: Queryable, model: ReadModel<S>, events: EventEnvelope[]): Promise<Projected<S>[]> {
  const refs = new Map<string, AggregateRef & { upTo: number }>();
  for (const e of events) {
    const key = refKey(e);
    const upTo = Math.max(refs.get(key)?.upTo ?? 0, e.aggregateVersion);
    refs.set(key, { tenantId: e.tenantId, aggregateType: e.aggregateType, aggregateId: e.aggregateId, upTo });
  }
  const loaded = await model.load(q, [...refs.values()]);
  const changed = new Map<string, Projected<S>>();
  for (const e of events) {
    const key = refKey(e);
    const prev = loaded.get(key);
    const { upTo: _upTo, ...ref } = refs.get(key)!;
    const cur = changed.get(key) ?? { ref, version: prev?.version ?? 0, previousVersion: prev?.version ?? 0, state: prev?.state ?? null, events: [] };
    if (e.aggregateVersion <= cur.version) continue;
    if (model.contiguous && e.aggregateVersion !== cur.version + 1) {
      throw new ProjectionGapError(`${model.name} ${e.aggregateType} ${e.aggregateId}: got version ${e.aggregateVersion}, have ${cur.version}`);
    }
    changed.set(key, { ...cur, version: e.aggregateVersion, state: model.project(cur.state, e), events: [...cur.events, e] });
  }
  const out = [...changed.values()];
  if (out.length > 0) await model.save(q, out);
  return out;
}
