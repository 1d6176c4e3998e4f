import type { AggregateState, AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';

/** The columns a document type exposes to queries besides its JSON state. */
export interface DocumentColumns {
  contactId: string | null;
  lifeCycle: string | null;
  pending: boolean;
  occurredAt: string | null;
}

/**
 * An aggregate store keeping each aggregate of one `type` as a JSON document in `reward_aggregates`,
 * tenant-scoped in every statement, with an optimistic version check on update.
 */
export function documentStore<S extends AggregateState & { createdAt: string; updatedAt: string }>(
  type: string,
  columns: (s: S) => DocumentColumns,
): AggregateStore<S> {
  const byId: AggregateStore<S>['load'] = async (q, tenantId, ref) => {
    const id = canonicalId(ref);
    if (!id) return null;
    const rows = (await q.query(`SELECT state, version FROM reward_aggregates WHERE tenant_id = $1 AND type = $2 AND id = $3`, [
      tenantId,
      type,
      id,
    ])) as {
      state: S | string;
      version: number;
    }[];
    const row = rows[0];
    if (!row) return null;
    const state = typeof row.state === 'string' ? (JSON.parse(row.state) as S) : row.state;
    return { ...state, id, version: Number(row.version) };
  };
  return {
    load: byId,
    findById: byId,
    insert: (tenantId, s) => {
      const c = columns(s);
      return {
        sql: `INSERT INTO reward_aggregates (tenant_id, type, id, version, contact_id, life_cycle, pending, occurred_at, state, created_at, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING 1`,
        params: [tenantId, type, s.id, s.version, c.contactId, c.lifeCycle, c.pending, c.occurredAt, JSON.stringify(s), s.createdAt, s.updatedAt],
      };
    },
    update: (tenantId, s, expectedVersion) => {
      const c = columns(s);
      return {
        sql: `UPDATE reward_aggregates SET version = $4, contact_id = $5, life_cycle = $6, pending = $7, occurred_at = $8, state = $9::jsonb, updated_at = $10
              WHERE tenant_id = $1 AND type = $2 AND id = $3 AND version = $11 RETURNING 1`,
        params: [tenantId, type, s.id, s.version, c.contactId, c.lifeCycle, c.pending, c.occurredAt, JSON.stringify(s), s.updatedAt, expectedVersion],
      };
    },
  };
}
