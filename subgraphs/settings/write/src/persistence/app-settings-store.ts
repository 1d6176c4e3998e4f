import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import type { AppSettingsDefinition } from '@crm/event-bus/contracts/settings';
import { AppError } from '@crm/platform/errors';
import { canonicalId } from '@crm/platform/ids';
import type { AppSettingsState } from '../domain/app-settings';
import { constraintOf, jsonOf } from './rows';

interface Row {
  id: string;
  version: number;
  definition: AppSettingsDefinition | string;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toState = (r: Row): AppSettingsState => ({
  ...jsonOf<AppSettingsDefinition>(r.definition),
  id: r.id,
  version: Number(r.version),
  removed: r.removed,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<AppSettingsState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT id, version, definition, removed, created_at, updated_at FROM app_settings WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

const definitionOf = (s: AppSettingsState): AppSettingsDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
};

/** Where application configurations live; a taken platform_app_id (per tenant) is a 409 naming it. */
export const appSettingsStore: AggregateStore<AppSettingsState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO app_settings (id, tenant_id, version, platform_app_id, definition, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) RETURNING 1`,
    params: [s.id, tenantId, s.version, s.platformAppId, JSON.stringify(definitionOf(s)), s.removed, s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE app_settings SET version = $3, platform_app_id = $4, definition = $5::jsonb, removed = $6, updated_at = $7
          WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.platformAppId, JSON.stringify(definitionOf(s)), s.removed, s.updatedAt, expectedVersion],
  }),
  mapError: (err) =>
    constraintOf(err) === 'app_settings_platform_app_id_uq'
      ? new AppError('CONFLICT', 'platform_app_id: another application has it already', { field: 'platform_app_id', reason: 'PLATFORM_APP_ID_TAKEN' })
      : err,
};
