import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import type { ReferenceEntryDefinition } from '@crm/event-bus/contracts/settings';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { ReferenceEntryState } from '../domain/reference-entry';
import { constraintOf, jsonOf } from './rows';

interface Row {
  id: string;
  version: number;
  definition: ReferenceEntryDefinition | string;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): ReferenceEntryState => ({
  ...jsonOf<ReferenceEntryDefinition>(r.definition),
  id: r.id,
  version: Number(r.version),
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<ReferenceEntryState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(
    `SELECT id, version, definition, removed, created_at, updated_at FROM reference_entries WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  )) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

const definitionOf = (s: ReferenceEntryState): ReferenceEntryDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition as ReferenceEntryDefinition;
};

/** Where reference list entries live; a taken key (per tenant and kind) is a 409. */
export const referenceEntryStore: AggregateStore<ReferenceEntryState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO reference_entries (id, tenant_id, version, kind, key, definition, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.kind, s.key, JSON.stringify(definitionOf(s)), s.removed, s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE reference_entries SET version = $3, key = $4, definition = $5::jsonb, removed = $6, updated_at = $7
          WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.key, JSON.stringify(definitionOf(s)), s.removed, s.updatedAt, expectedVersion],
  }),
  mapError: (err) =>
    constraintOf(err) === 'reference_entries_key_uq'
      ? new AppError('CONFLICT', 'the list has this entry already', { reason: 'REFERENCE_ENTRY_TAKEN' })
      : err,
};
