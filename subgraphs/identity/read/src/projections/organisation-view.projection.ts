import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `organisation_views`: the tenant's root organisation (the business, with the tenant's id) and the organisations created under it (pure; tenant-scoped by construction). Other events: no statement. */
export function organisationViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'tenant.created': {
      const d = event.data as Data<'tenant.created'>;
      // the root organisation (the business) has the tenant's id
      return [
        {
          sql: `INSERT INTO organisation_views (tenant_id, id, parent_id, type, name, created_at) VALUES ($1, $2, NULL, 'BUSINESS', $3, $4) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.name, at],
        },
      ];
    }
    case 'tenant.organisation_created': {
      const d = event.data as Data<'tenant.organisation_created'>;
      return [
        {
          sql: `INSERT INTO organisation_views (tenant_id, id, parent_id, type, name, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, d.organisationId, d.parentId, d.type, d.name, at],
        },
      ];
    }
    default:
      return [];
  }
}
