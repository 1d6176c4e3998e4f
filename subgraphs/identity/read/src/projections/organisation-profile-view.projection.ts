import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `organisation_profile_views`: each organisation's business-network profile, whole, and whether it left the network (pure). Other events: no statement. */
export function organisationProfileViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'organisation.profile_set': {
      const d = event.data as Data<'organisation.profile_set'>;
      return [
        {
          sql: `INSERT INTO organisation_profile_views (tenant_id, id, profile, closed, updated_at) VALUES ($1, $2, $3::jsonb, false, $4)
                ON CONFLICT (tenant_id, id) DO UPDATE SET profile = EXCLUDED.profile, closed = false, updated_at = EXCLUDED.updated_at`,
          params: [t, id, JSON.stringify(d), at],
        },
      ];
    }
    case 'organisation.profile_closed':
      return [{ sql: `UPDATE organisation_profile_views SET closed = true, updated_at = $3 WHERE tenant_id = $1 AND id = $2`, params: [t, id, at] }];
    default:
      return [];
  }
}
