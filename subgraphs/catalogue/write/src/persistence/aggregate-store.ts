import type { AggregateState, AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';

interface Row {
  state: Record<string, unknown>;
}

/** A stored state document back to the state: its dates revived. */
function revive<S extends AggregateState>(row: Row): S {
  const s = row.state;
  return { ...s, createdAt: new Date(s['createdAt'] as string), updatedAt: new Date(s['updatedAt'] as string) } as unknown as S;
}

const SKU_KEY = 'catalogue_product_sku_key';

function mapUniqueViolation(err: unknown): unknown {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  if ((e?.driverError?.constraint ?? e?.constraint) === SKU_KEY)
    return new AppError('CONFLICT', 'sku: another product has this SKU', { field: 'sku', reason: 'PRODUCT_SKU_EXISTS' });
  return err;
}

/** Where aggregates of one type live (`catalogue_aggregates`, one state document per aggregate; every statement tenant-scoped). */
export function aggregateStore<S extends AggregateState>(aggregateType: string): AggregateStore<S> {
  const byId = async (q: Queryable, tenantId: string, ref: string): Promise<S | null> => {
    const id = canonicalId(ref);
    if (!id) return null;
    const rows = (await q.query(`SELECT state FROM catalogue_aggregates WHERE tenant_id = $1 AND id = $2 AND aggregate_type = $3`, [
      tenantId,
      id,
      aggregateType,
    ])) as Row[];
    return rows[0] ? revive<S>(rows[0]) : null;
  };
  return {
    load: byId,
    findById: byId,
    insert: (tenantId, s) => ({
      sql: `INSERT INTO catalogue_aggregates (tenant_id, id, aggregate_type, version, state) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING 1`,
      params: [tenantId, s.id, aggregateType, s.version, JSON.stringify(s)],
    }),
    update: (tenantId, s, expectedVersion) => ({
      sql: `UPDATE catalogue_aggregates SET version = $3, state = $4::jsonb WHERE tenant_id = $1 AND id = $2 AND aggregate_type = $5 AND version = $6 RETURNING 1`,
      params: [tenantId, s.id, s.version, JSON.stringify(s), aggregateType, expectedVersion],
    }),
    mapError: mapUniqueViolation,
  };
}

/** What a referenced aggregate is, as the deciders check references (null = no such aggregate in the tenant). */
export interface Referenced {
  aggregateType: string;
  kind: string | null;
  deleted: boolean;
  composition: string | null;
  classification: string | null;
}

/** The referenced aggregates of one tenant by id (ids that are not there are absent from the map). */
export async function loadReferences(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, Referenced>> {
  const wanted = [...new Set(ids.map((i) => canonicalId(i)).filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = (await q.query(
    `SELECT id, aggregate_type, state->>'kind' AS kind, coalesce((state->>'deleted')::boolean, false) AS deleted,
            state->>'composition' AS composition, state->>'classification' AS classification
       FROM catalogue_aggregates WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, wanted],
  )) as { id: string; aggregate_type: string; kind: string | null; deleted: boolean; composition: string | null; classification: string | null }[];
  return new Map(
    rows.map((r) => [
      r.id,
      { aggregateType: r.aggregate_type, kind: r.kind, deleted: Boolean(r.deleted), composition: r.composition, classification: r.classification },
    ]),
  );
}
