import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `team_views`: teams (a deletion deletes the row) (pure; tenant-scoped by construction). Other events: no statement. */
export function teamViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'team.created': {
      const d = event.data as Data<'team.created'>;
      return [
        {
          sql: `INSERT INTO team_views (tenant_id, id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.name, at],
        },
      ];
    }
    case 'team.renamed': {
      const d = event.data as Data<'team.renamed'>;
      return [{ sql: `UPDATE team_views SET name = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, params: [t, id, d.name, at] }];
    }
    case 'team.deleted':
      return [{ sql: `DELETE FROM team_views WHERE tenant_id = $1 AND id = $2`, params: [t, id] }];
    default:
      return [];
  }
}
