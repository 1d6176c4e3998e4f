import type { AggregateDefinition, AggregateStore } from '@crm/event-bus/kit';
import { sqlStateOf, UNIQUE_VIOLATION } from '@crm/platform/db';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import { evolveProvider, type ProviderChange, type ProviderKind, type ProviderState } from '../domain/identity-provider';
import { versionConflict } from './versions';

export interface ProviderRow {
  id: string;
  kind: ProviderKind;
  type: string;
  settings: unknown;
  sealed_secret: string | null;
  version: number;
  removed_at: Date | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const settingsOf = <T = Record<string, unknown>>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

const toState = (r: ProviderRow): ProviderState => ({
  id: r.id,
  kind: r.kind,
  type: r.type,
  settings: r.settings === null ? null : settingsOf(r.settings),
  sealedSecret: r.sealed_secret,
  version: Number(r.version),
  removed: r.removed_at !== null,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const COLUMNS = 'id, kind, type, settings, sealed_secret, version, removed_at, created_at, updated_at';

/** The reference a provider command names: its kind and type. */
export const providerRef = (kind: ProviderKind, type: string): string => `${kind}:${type}`;

/**
 * Where a tenant's identity providers live (the command handler's store), one row per (kind,
 * type) for good: a removal erases settings and secret and keeps the row.
 */
export const providerStore: AggregateStore<ProviderState> = {
  async load(q, tenantId, ref) {
    const split = ref.indexOf(':');
    const [row] = (await q.query(`SELECT ${COLUMNS} FROM identity_providers WHERE tenant_id = $1 AND kind = $2 AND type = $3 FOR UPDATE`, [
      tenantId,
      ref.slice(0, split),
      ref.slice(split + 1),
    ])) as ProviderRow[];
    return row ? toState(row) : null;
  },

  async findById(q, tenantId, id) {
    const [row] = (await q.query(`SELECT ${COLUMNS} FROM identity_providers WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as ProviderRow[];
    return row ? toState(row) : null;
  },

  insert: (tenantId, s) => ({
    sql: `INSERT INTO identity_providers (id, tenant_id, kind, type, settings, sealed_secret, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9) RETURNING 1`,
    params: [s.id, tenantId, s.kind, s.type, JSON.stringify(s.settings), s.sealedSecret, s.version, s.createdAt, s.updatedAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE identity_providers SET settings = $3::jsonb, sealed_secret = $4, removed_at = $5, updated_at = $6, version = $7 WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.settings === null ? null : JSON.stringify(s.settings),
      s.sealedSecret,
      s.removed ? s.updatedAt : null,
      s.updatedAt,
      s.version,
      expectedVersion,
    ],
  }),

  // the first configuration of a (kind, type) racing another one: the retry finds its row and updates it
  mapError: (err) => (sqlStateOf(err) === UNIQUE_VIOLATION ? versionConflict('identity provider')() : err),
};

/** The identity provider aggregate, as the kit's command handler runs it. */
export const providerAggregate: AggregateDefinition<ProviderState, ProviderChange> = {
  type: AGGREGATES.identityProvider,
  evolve: evolveProvider,
  store: providerStore,
  versionConflict: versionConflict('identity provider'),
};
