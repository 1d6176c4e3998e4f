import type { AggregateStore } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { AdapterKind, AdapterState } from '../domain/adapter';

interface Row {
  id: string;
  version: number;
  kind: AdapterKind;
  settings: Record<string, string>;
  sealed_credentials: string | null;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, version, kind, settings, sealed_credentials, removed, created_at, updated_at';

const toState = (r: Row): AdapterState => ({
  id: r.id,
  version: Number(r.version),
  kind: r.kind,
  settings: r.settings,
  sealedCredentials: r.sealed_credentials,
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

type Q = Parameters<AggregateStore<AdapterState>['load']>[0];

/** A tenant's adapter by kind (SENDGRID …) or by id. */
async function load(q: Q, tenantId: string, ref: string): Promise<AdapterState | null> {
  const id = canonicalId(ref);
  const rows = (await q.query(`SELECT ${COLUMNS} FROM integration_adapters WHERE tenant_id = $1 AND ${id ? 'id = $2::uuid' : 'kind = $2'}`, [
    tenantId,
    id ?? ref,
  ])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** The tenant's configured adapters (settings only; credentials stay sealed). */
export async function configuredAdapters(q: Q, tenantId: string): Promise<AdapterState[]> {
  const rows = (await q.query(`SELECT ${COLUMNS} FROM integration_adapters WHERE tenant_id = $1 AND NOT removed ORDER BY kind`, [tenantId])) as Row[];
  return rows.map(toState);
}

export const adapterStore: AggregateStore<AdapterState> = {
  load,
  findById: load,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO integration_adapters (id, tenant_id, version, kind, settings, sealed_credentials, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) ON CONFLICT (tenant_id, kind) DO NOTHING RETURNING 1`,
    params: [s.id, tenantId, s.version, s.kind, JSON.stringify(s.settings), s.sealedCredentials, s.removed, s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE integration_adapters SET version = $3, settings = $4::jsonb, sealed_credentials = $5, removed = $6, updated_at = $7
          WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(s.settings), s.sealedCredentials, s.removed, s.updatedAt, expectedVersion],
  }),
};
