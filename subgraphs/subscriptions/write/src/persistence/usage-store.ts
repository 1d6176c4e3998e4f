import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';

interface Row {
  id: string;
  version: number;
  data: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
}

type Stored = { id: string; version: number; createdAt: Date; updatedAt: Date };

/** A store of one usage aggregate type in `usage_aggregates` (tenant-scoped, optimistic versions). */
export function usageStore<S extends Stored>(aggregateType: string): AggregateStore<S> {
  const byId = async (q: Queryable, tenantId: string, ref: string): Promise<S | null> => {
    const id = canonicalId(ref);
    if (!id) return null;
    const rows = (await q.query(
      `SELECT id, version, data, created_at, updated_at FROM usage_aggregates WHERE tenant_id = $1 AND aggregate_type = $2 AND id = $3`,
      [tenantId, aggregateType, id],
    )) as Row[];
    const r = rows[0];
    return r
      ? ({ ...r.data, id: r.id, version: Number(r.version), createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) } as S)
      : null;
  };
  const dataOf = (s: S): string => {
    const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...data } = s;
    return JSON.stringify(data);
  };
  return {
    load: byId,
    findById: byId,
    insert: (tenantId, s) => ({
      sql: `INSERT INTO usage_aggregates (tenant_id, id, aggregate_type, version, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING 1`,
      params: [tenantId, s.id, aggregateType, s.version, dataOf(s), s.createdAt, s.updatedAt],
    }),
    update: (tenantId, s, expectedVersion) => ({
      sql: `UPDATE usage_aggregates SET version = $4, data = $5::jsonb, updated_at = $6 WHERE tenant_id = $1 AND aggregate_type = $2 AND id = $3 AND version = $7 RETURNING 1`,
      params: [tenantId, aggregateType, s.id, s.version, dataOf(s), s.updatedAt, expectedVersion],
    }),
    mapError: (err) =>
      (err as { code?: string }).code === '23505'
        ? new AppError('CONFLICT', 'written by another request; retry', { reason: 'VERSION_CONFLICT' })
        : err,
  };
}
