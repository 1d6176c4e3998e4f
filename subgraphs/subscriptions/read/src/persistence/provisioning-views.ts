import type { EntityManager } from 'typeorm';
import { refKey, type Queryable, type ReadModel } from '@crm/event-bus/kit';
import { PROVISIONING_COMMAND_AGGREGATE } from '@crm/event-bus/contracts/subscriptions';
import { projectProvisioning, type ProvisioningCommandView } from '../projections/provisioning-view.projection';

interface Row {
  tenant_id: string;
  id: string;
  version: number;
  service_id: string;
  contact_id: string;
  integration_id: string;
  code: string;
  state: string;
  reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}
const toView = (r: Row): ProvisioningCommandView => ({
  id: r.id,
  version: Number(r.version),
  serviceId: r.service_id,
  contactId: r.contact_id,
  integrationId: r.integration_id,
  code: r.code,
  state: r.state,
  reason: r.reason,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** `provisioning_command_views`: one row per service command. */
export const provisioningViewsReadModel: ReadModel<ProvisioningCommandView> = {
  name: 'provisioning_command_views',
  accepts: (e) => e.aggregateType === PROVISIONING_COMMAND_AGGREGATE,
  contiguous: true,
  saveIsAtomic: true,
  async load(q, refs) {
    const rows = (await q.query(`SELECT * FROM provisioning_command_views WHERE (tenant_id, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      refs.map((r) => r.tenantId),
      refs.map((r) => r.aggregateId),
    ])) as Row[];
    return new Map(
      rows.map((r) => [
        refKey({ tenantId: r.tenant_id, aggregateType: PROVISIONING_COMMAND_AGGREGATE, aggregateId: r.id }),
        { version: Number(r.version), state: toView(r) },
      ]),
    );
  },
  project: (view, event) => projectProvisioning(view, event as Parameters<typeof projectProvisioning>[1]),
  async save(q, changed) {
    for (const { ref, state: v } of changed) {
      await q.query(
        `INSERT INTO provisioning_command_views (tenant_id, id, version, service_id, contact_id, integration_id, code, state, reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
         WHERE provisioning_command_views.version < EXCLUDED.version`,
        [ref.tenantId, v.id, v.version, v.serviceId, v.contactId, v.integrationId, v.code, v.state, v.reason, v.createdAt, v.updatedAt],
      );
    }
  },
};

/** Provisioning views of ONE tenant. */
export class ProvisioningViewStore {
  constructor(
    private readonly q: Queryable | EntityManager,
    private readonly tenantId: string,
  ) {}

  async ofService(serviceId: string, limit: number): Promise<ProvisioningCommandView[]> {
    const rows = (await this.q.query(
      `SELECT * FROM provisioning_command_views WHERE tenant_id = $1 AND service_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
      [this.tenantId, serviceId, limit],
    )) as Row[];
    return rows.map(toView);
  }

  async versionOf(id: string): Promise<number> {
    const rows = (await this.q.query(`SELECT version FROM provisioning_command_views WHERE tenant_id = $1 AND id = $2`, [this.tenantId, id])) as {
      version: number;
    }[];
    return Number(rows[0]?.version ?? 0);
  }
}
