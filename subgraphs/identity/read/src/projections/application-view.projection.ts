import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `application_views`: the tenant's applications (pure; tenant-scoped by construction). Other events: no statement. */
export function applicationViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'tenant.application_created': {
      const d = event.data as Data<'tenant.application_created'>;
      return [
        {
          sql: `INSERT INTO application_views (tenant_id, id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, d.applicationId, d.name, at],
        },
      ];
    }
    default:
      return [];
  }
}
