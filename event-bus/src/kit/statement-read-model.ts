import type { EventEnvelope } from '../envelope';
import type { Queryable } from './command-handler';
import { type AggregateRef, type Applied, type Projected, type ReadModel, refKey } from './projector';
import type { Statement } from './statement';

/** The table a statement read model keeps its applied versions in (one row per aggregate). */
export const APPLIED_VERSIONS_TABLE = 'applied_versions';

/** A projection that turns one event into SQL statements (pure, tenant-scoped by construction). */
export type StatementProjection = (event: EventEnvelope) => Statement[];

/**
 * A read model whose projections write rows with SQL (partial updates, rows other than the
 * aggregate's own) rather than one document per aggregate. Its applied versions live in
 * `applied_versions (aggregate_type, aggregate_id = tenant:id, version)`. In one transaction, one
 * statement claims the batch's aggregates (locks their rows, creating the missing ones), reads the
 * versions applied so far and raises them to the batch's highest; then the new events' statements
 * run in event order.
 *
 * The version read is the one of the locked row, not of the statement's snapshot: when another
 * consumer (the partition's previous owner, after a rebalance) applies the same events
 * concurrently, this one waits for its commit and then sees its version, so an event is applied
 * at most once per aggregate. A row the other consumer created after this statement's snapshot
 * cannot be locked by it; the statement is then run again for those aggregates (a new statement,
 * a new snapshot, in which the row is committed).
 */
export function statementReadModel(options: {
  name: string;
  accepts(event: EventEnvelope): boolean;
  /** The projections (one per table), each returning [] for the events it does not model. */
  projections: StatementProjection[];
  contiguous?: boolean;
  /** After the commit, with the aggregates it changed (cache invalidation). */
  afterCommit?: (changed: Projected<Statement[]>[]) => Promise<void>;
}): ReadModel<Statement[]> {
  const key = (r: AggregateRef) => `${r.tenantId}:${r.aggregateId}`;
  const sep = '\u0000';
  return {
    name: options.name,
    accepts: options.accepts,
    contiguous: options.contiguous ?? false,
    saveIsAtomic: false,
    async load(q, refs) {
      const out = new Map<string, Applied<Statement[]>>();
      let pending = refs;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > CLAIM_ATTEMPTS) throw new Error(`${options.name}: ${pending.length} aggregate(s) claimed concurrently, retry the batch`);
        const rows = (await q.query(CLAIM_SQL, [pending.map((r) => r.aggregateType), pending.map(key), pending.map((r) => r.upTo)])) as {
          aggregate_type: string;
          aggregate_id: string;
          version: number | null;
        }[];
        const claimed = new Map(rows.map((r) => [`${r.aggregate_type}${sep}${r.aggregate_id}`, r.version === null ? null : Number(r.version)]));
        const next: typeof refs = [];
        for (const r of pending) {
          const k = `${r.aggregateType}${sep}${key(r)}`;
          if (!claimed.has(k)) next.push(r);
          else if (claimed.get(k) !== null) out.set(refKey(r), { version: claimed.get(k)!, state: null });
        }
        pending = next;
      }
      return out;
    },
    project: (state, event) => [...(state ?? []), ...options.projections.flatMap((p) => p(event))],
    async save(q: Queryable, changed: Projected<Statement[]>[]) {
      for (const c of changed) for (const s of c.state) await q.query(s.sql, s.params);
    },
    ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}),
  };
}

/** Statements per batch before an aggregate still claimed concurrently fails the batch (the bus retries it). */
const CLAIM_ATTEMPTS = 3;

/**
 * Claims the batch's aggregates: `locked` locks the existing rows (FOR UPDATE waits for a
 * concurrent writer and then reads its committed version), `raised` moves them up to the batch's
 * highest version, `created` inserts the missing ones. Returns one row per aggregate now held by
 * this transaction: its version before the batch, or NULL when this statement created it. An
 * aggregate without a row was created by a concurrent transaction after this statement's snapshot.
 */
const CLAIM_SQL = `WITH batch AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS b(aggregate_type, aggregate_id, version)),
  locked AS (SELECT a.aggregate_type, a.aggregate_id, a.version FROM ${APPLIED_VERSIONS_TABLE} a JOIN batch b USING (aggregate_type, aggregate_id)
    ORDER BY a.aggregate_type, a.aggregate_id FOR UPDATE OF a),
  raised AS (UPDATE ${APPLIED_VERSIONS_TABLE} a SET version = b.version FROM batch b JOIN locked l USING (aggregate_type, aggregate_id)
    WHERE a.aggregate_type = b.aggregate_type AND a.aggregate_id = b.aggregate_id AND l.version < b.version),
  created AS (INSERT INTO ${APPLIED_VERSIONS_TABLE} (aggregate_type, aggregate_id, version)
    SELECT b.aggregate_type, b.aggregate_id, b.version FROM batch b WHERE NOT EXISTS (SELECT 1 FROM locked l WHERE l.aggregate_type = b.aggregate_type AND l.aggregate_id = b.aggregate_id)
    ON CONFLICT (aggregate_type, aggregate_id) DO NOTHING RETURNING aggregate_type, aggregate_id)
SELECT aggregate_type, aggregate_id, version FROM locked
UNION ALL SELECT aggregate_type, aggregate_id, NULL::int FROM created`;
