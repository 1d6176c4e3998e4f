import type { DataSource, EntityManager } from 'typeorm';
import { AppError, type NotFoundSubject } from '@crm/platform/errors';
import { claimIdempotencyKey, hashRequest } from '@crm/platform/db';
import { newId } from '@crm/platform/ids';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../contracts/define-event';
import { OUTBOX_COLUMNS, outboxValues } from '../outbox/outbox-writer';
import { envelopeOf, type RequestContext } from './envelope-builder';
import type { Statement } from './statement';

/** Anything that runs SQL: the data source (autocommit) or a transaction's entity manager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export interface Change<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** The state every aggregate has: its id and the version of its last event. */
export interface AggregateState {
  id: string;
  version: number;
}

/**
 * Where one aggregate type lives. Reads run SQL; writes are returned as statements (each with
 * `RETURNING` one row when it wrote) so the handler can save the state and append the outbox
 * rows in ONE statement. Every statement is tenant-scoped.
 */
export interface AggregateStore<S extends AggregateState> {
  /** By whatever the command names (id, or a business key such as a code); null when missing. */
  load(q: Queryable, tenantId: string, ref: string): Promise<S | null>;
  /** By canonical id only, whatever the state (create-with-a-given-id checks). */
  findById(q: Queryable, tenantId: string, id: string): Promise<S | null>;
  insert(tenantId: string, state: S): Statement;
  /** Writes only when the stored version is still `expectedVersion` (returns no row otherwise). */
  update(tenantId: string, state: S, expectedVersion: number): Statement;
  /** Maps a driver error of a write (unique violations) to a domain error; returns others as is. */
  mapError?(err: unknown): unknown;
}

/** One aggregate type, as the command handler needs it: everything else is the domain's deciders. */
export interface AggregateDefinition<S extends AggregateState, C extends Change> {
  /** `aggregateType` of its events (and of its consistency tokens). */
  type: string;
  evolve(state: S | null, change: C, meta: { version: number; at: Date }): S;
  store: AggregateStore<S>;
  /** The error a lost optimistic race surfaces as after the retries (a 409). */
  versionConflict(): AppError;
  /** Errors worth a retry on fresh state besides a version conflict (e.g. a concurrent create of the same id). */
  retryable?(err: unknown, target: Target): boolean;
}

/** What a command acts on: a new aggregate (with a given id or a generated one) or an existing one. */
export type Target = { create: true; id: string | null } | { create: false; ref: string };

export type Decide<S, C> = (state: S | null, now: Date) => C[];

export interface Idempotency {
  /** Operation the key is scoped to (with the tenant), e.g. `contacts.create`. */
  scope: string;
  key: string;
  /** The request, hashed: the same key with another request is rejected. */
  request: unknown;
}

export interface CommandResult<S> {
  state: S;
  events: EventEnvelope[];
  /** "This aggregate, at least at this version": what a read-your-writes query waits for. */
  consistency: { aggregateType: string; aggregateId: string; version: number };
}

/** Tries before a version conflict surfaces: each retry decides again on fresh state. */
const MAX_ATTEMPTS = 3;

/**
 * The command handler of every domain: load (tenant-scoped) → decide → evolve → build the
 * envelopes → save the state (explicit expected version) and append the outbox rows in ONE
 * statement. Without an idempotency key that is two round trips (load, write) and no explicit
 * transaction: a single statement is atomic. With a key, the claim, the write and the key's result
 * share one transaction (same key → same result, no second effect). Conflicts retry on fresh
 * state; after a write the relay is kicked.
 */
export class CommandHandler<S extends AggregateState, C extends Change> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    private readonly aggregate: AggregateDefinition<S, C>,
    private readonly onCommitted: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(ctx: RequestContext, target: Target, decide: Decide<S, C>, idempotency?: Idempotency | null): Promise<CommandResult<S>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = idempotency
          ? await this.dataSource.transaction((m) => this.once(m, ctx, target, decide, idempotency))
          : await this.once(this.dataSource, ctx, target, decide, null);
        if (result.events.length > 0) this.onCommitted();
        return result;
      } catch (err) {
        const retry = (err instanceof AppError && err.reason === 'VERSION_CONFLICT') || (this.aggregate.retryable?.(err, target) ?? false);
        if (!(retry && attempt < MAX_ATTEMPTS)) throw err;
      }
    }
  }

  /**
   * Runs the command inside a transaction the caller holds (`q`), beside the other writes of the
   * same unit of work (e.g. a session it starts): no retry and no relay kick here, the caller's
   * commit decides and kicks. `now` is the unit's time (its events and rows share it).
   */
  runIn(q: Queryable, ctx: RequestContext, target: Target, decide: Decide<S, C>, now?: Date): Promise<CommandResult<S>> {
    return this.once(q, ctx, target, decide, null, now);
  }

  private result(state: S, events: EventEnvelope[]): CommandResult<S> {
    return { state, events, consistency: { aggregateType: this.aggregate.type, aggregateId: state.id, version: state.version } };
  }

  private async once(
    q: Queryable,
    ctx: RequestContext,
    target: Target,
    decide: Decide<S, C>,
    idempotency: Idempotency | null,
    at?: Date,
  ): Promise<CommandResult<S>> {
    const { store } = this.aggregate;
    const tenantId = ctx.tenantId;
    if (target.create && target.id) {
      const existing = await store.findById(q, tenantId, target.id);
      if (existing) return this.result(existing, []);
    }
    if (idempotency) {
      const claimed = await claimIdempotencyKey<{ id: string }>(
        q as EntityManager,
        tenantId,
        idempotency.scope,
        idempotency.key,
        hashRequest(idempotency.request),
      );
      if (claimed) {
        const state = await store.findById(q, tenantId, claimed.replay.id);
        // every aggregate type has its <TYPE>_NOT_FOUND reason in its domain's error catalogue
        if (!state) throw AppError.notFound(this.aggregate.type as NotFoundSubject, claimed.replay.id);
        return this.result(state, []);
      }
    }
    const current = target.create ? null : await store.load(q, tenantId, target.ref);
    const now = at ?? this.clock();
    const changes = decide(current, now);
    if (changes.length === 0) {
      if (!current) throw new Error(`a create command on ${this.aggregate.type} produced no event`);
      return this.result(current, []);
    }
    const aggregateId = current?.id ?? (target.create ? target.id : null) ?? newId();
    let state: S | null = current;
    const events = changes.map((change, i) => {
      const version = (current?.version ?? 0) + i + 1;
      state = { ...this.aggregate.evolve(state, change, { version, at: now }), id: aggregateId };
      return envelopeOf(
        ctx,
        { type: change.type, aggregateType: this.aggregate.type, aggregateId, aggregateVersion: version, data: change.data },
        now,
      );
    });
    const next = state as unknown as S;
    const save = current ? store.update(tenantId, next, current.version) : store.insert(tenantId, next);
    const write = writeStatement(
      this.registry,
      save,
      events,
      idempotency ? { tenantId, scope: idempotency.scope, key: idempotency.key, result: { id: aggregateId } } : null,
    );
    let saved: number;
    try {
      const rows = (await q.query(write.sql, write.params)) as { saved: number | string }[];
      saved = Number(rows[0]?.saved ?? 0);
    } catch (err) {
      throw store.mapError ? store.mapError(err) : err;
    }
    if (saved !== 1) throw this.aggregate.versionConflict();
    return this.result(next, events);
  }
}

/**
 * One statement: the state's save, then (only if it wrote) the outbox rows and the idempotency
 * key's result. Returns `saved` = rows the save wrote (0 = the expected version was stale).
 */
export function writeStatement(
  registry: EventRegistry,
  save: Statement,
  events: EventEnvelope[],
  idempotencyResult: { tenantId: string; scope: string; key: string; result: unknown } | null,
): Statement {
  const params = [...save.params];
  const outbox = outboxValues(registry, events, params.length);
  params.push(...outbox.params);
  const ctes = [
    `s AS (${save.sql})`,
    `o AS (INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT * FROM (${outbox.sql}) AS e(${OUTBOX_COLUMNS}) WHERE EXISTS (SELECT 1 FROM s))`,
  ];
  if (idempotencyResult) {
    const i = params.length;
    params.push(idempotencyResult.tenantId, idempotencyResult.scope, idempotencyResult.key, JSON.stringify(idempotencyResult.result ?? null));
    ctes.push(
      `k AS (UPDATE idempotency_keys SET result = $${i + 4}::jsonb WHERE tenant_id = $${i + 1} AND scope = $${i + 2} AND key = $${i + 3} AND EXISTS (SELECT 1 FROM s))`,
    );
  }
  return { sql: `WITH ${ctes.join(', ')} SELECT (SELECT count(*) FROM s)::int AS saved`, params };
}
