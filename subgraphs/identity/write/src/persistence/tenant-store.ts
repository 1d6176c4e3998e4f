import type { AggregateDefinition, AggregateStore, Queryable } from '@crm/event-bus/kit';
import { AGGREGATES } from '@crm/event-bus/contracts/identity';
import type { OrganisationType } from '../domain/organisations';
import { evolveTenant, type TenantChange, type TenantData, type TenantState } from '../domain/tenant';
import { versionConflict } from './versions';

interface Row {
  tenant_id: string;
  name: string;
  version: number;
  created_at: Date | string;
}

const toState = (r: Row): TenantState => ({ id: r.tenant_id, name: r.name, version: Number(r.version), createdAt: new Date(r.created_at) });

const ROOT = `SELECT tenant_id, name, version, created_at FROM organisations WHERE tenant_id = $1 AND type = 'BUSINESS' AND parent_id IS NULL`;

/**
 * Where tenant aggregates live: the root (BUSINESS) organisation row, whose id is the tenant id.
 * A command locks it (every hierarchy change takes it first), so tenant events are serialised.
 */
export const tenantStore: AggregateStore<TenantState> = {
  async load(q, tenantId) {
    const [row] = (await q.query(`${ROOT} FOR UPDATE`, [tenantId])) as Row[];
    return row ? toState(row) : null;
  },

  async findById(q, tenantId) {
    const [row] = (await q.query(ROOT, [tenantId])) as Row[];
    return row ? toState(row) : null;
  },

  insert: (tenantId, s) => ({
    sql: `INSERT INTO organisations (id, tenant_id, parent_id, type, name, version, created_at) VALUES ($1::uuid, $1::text, NULL, 'BUSINESS', $2, $3, $4) RETURNING 1`,
    params: [tenantId, s.name, s.version, s.createdAt],
  }),

  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE organisations SET version = $2 WHERE tenant_id = $1 AND type = 'BUSINESS' AND parent_id IS NULL AND version = $3 RETURNING 1`,
    params: [tenantId, s.version, expectedVersion],
  }),
};

/** The tenant aggregate, as the kit's command handler runs it. */
export const tenantAggregate: AggregateDefinition<TenantState, TenantChange> = {
  type: AGGREGATES.tenant,
  evolve: evolveTenant,
  store: tenantStore,
  versionConflict: versionConflict('tenant'),
};

/** An organisation of the tenant by id (the parent a new organisation names), or null. */
export async function findOrganisation(q: Queryable, tenantId: string, id: string): Promise<{ id: string; type: OrganisationType } | null> {
  const [row] = (await q.query(`SELECT id, type FROM organisations WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as {
    id: string;
    type: OrganisationType;
  }[];
  return row ?? null;
}

/** The rows a tenant's events add beside its version: an application, an organisation of the hierarchy. */
export async function insertTenantChild(q: Queryable, tenantId: string, change: TenantChange, at: Date): Promise<void> {
  if (change.type === 'tenant.application_created') {
    const d = change.data as TenantData<'tenant.application_created'>;
    await q.query(`INSERT INTO applications (id, tenant_id, name, created_at) VALUES ($1, $2, $3, $4)`, [d.applicationId, tenantId, d.name, at]);
  } else if (change.type === 'tenant.organisation_created') {
    const d = change.data as TenantData<'tenant.organisation_created'>;
    await q.query(`INSERT INTO organisations (id, tenant_id, parent_id, type, name, version, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)`, [
      d.organisationId,
      tenantId,
      d.parentId,
      d.type,
      d.name,
      at,
    ]);
  }
}
