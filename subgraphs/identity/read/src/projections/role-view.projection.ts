import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `role_views`: roles and their permissions (a deletion is a tombstone) (pure; tenant-scoped by construction). Other events: no statement. */
export function roleViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'role.created': {
      const d = event.data as Data<'role.created'>;
      return [
        {
          sql: `INSERT INTO role_views (tenant_id, id, name, permissions, built_in, deleted, created_at, updated_at)
                VALUES ($1, $2, $3, $4::jsonb, $5, false, $6, $6) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.name, JSON.stringify(d.permissions), d.builtIn, at],
        },
      ];
    }
    case 'role.updated': {
      const d = event.data as Data<'role.updated'>;
      const sets: string[] = ['updated_at = $3'];
      const params: unknown[] = [t, id, at];
      if (d.name !== undefined) sets.push(`name = $${params.push(d.name)}`);
      if (d.permissions !== undefined) sets.push(`permissions = $${params.push(JSON.stringify(d.permissions))}::jsonb`);
      return [{ sql: `UPDATE role_views SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params }];
    }
    case 'role.deleted':
      return [{ sql: `UPDATE role_views SET deleted = true, updated_at = $3 WHERE tenant_id = $1 AND id = $2`, params: [t, id, at] }];
    default:
      return [];
  }
}
