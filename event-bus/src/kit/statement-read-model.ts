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
 * statement reads the versions applied so far and raises them to the batch's highest (locking
 * the rows), then the new events' statements run in event order.
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
      const rows = (await q.query(
        `WITH batch AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS b(aggregate_type, aggregate_id, version)),
              before AS (SELECT a.aggregate_type, a.aggregate_id, a.version FROM ${APPLIED_VERSIONS_TABLE} a JOIN batch b USING (aggregate_type, aggregate_id)),
              raised AS (INSERT INTO ${APPLIED_VERSIONS_TABLE} (aggregate_type, aggregate_id, version) SELECT * FROM batch
                ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = EXCLUDED.version WHERE ${APPLIED_VERSIONS_TABLE}.version < EXCLUDED.version)
         SELECT * FROM before`,
        [refs.map((r) => r.aggregateType), refs.map(key), refs.map((r) => r.upTo)],
      )) as { aggregate_type: string; aggregate_id: string; version: number }[];
      const byKey = new Map(rows.map((r) => [`${r.aggregate_type}${sep}${r.aggregate_id}`, Number(r.version)]));
      const out = new Map<string, Applied<Statement[]>>();
      for (const r of refs) {
        const version = byKey.get(`${r.aggregateType}${sep}${key(r)}`);
        if (version !== undefined) out.set(refKey(r), { version, state: null });
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
