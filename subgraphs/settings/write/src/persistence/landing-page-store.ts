import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import type { LandingPageDefinition } from '@crm/event-bus/contracts/settings';
import { canonicalId } from '@crm/platform/ids';
import type { LandingPageState } from '../domain/landing-page';
import { jsonOf } from './rows';

interface Row {
  id: string;
  version: number;
  definition: LandingPageDefinition | string;
  removed: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

async function byId(q: Queryable, tenantId: string, ref: string): Promise<LandingPageState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT id, version, definition, removed, created_at, updated_at FROM landing_pages WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ])) as Row[];
  const r = rows[0];
  return r
    ? {
        ...jsonOf<LandingPageDefinition>(r.definition),
        id: r.id,
        version: Number(r.version),
        removed: r.removed,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      }
    : null;
}

const definitionOf = (s: LandingPageState): LandingPageDefinition => {
  const { id: _id, version: _v, removed: _r, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
};

/** Where landing pages live (tenant-scoped). */
export const landingPageStore: AggregateStore<LandingPageState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO landing_pages (id, tenant_id, version, definition, removed, created_at, updated_at)
          VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING 1`,
    params: [s.id, tenantId, s.version, JSON.stringify(definitionOf(s)), s.removed, s.createdAt, s.updatedAt],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE landing_pages SET version = $3, definition = $4::jsonb, removed = $5, updated_at = $6
          WHERE tenant_id = $1 AND id = $2 AND version = $7 RETURNING 1`,
    params: [tenantId, s.id, s.version, JSON.stringify(definitionOf(s)), s.removed, s.updatedAt, expectedVersion],
  }),
};
