import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `user_views`: users, their roles and teams, their status (a password change only touches `updated_at`) (pure; tenant-scoped by construction). Other events: no statement. */
export function userViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'user.created': {
      const d = event.data as Data<'user.created'>;
      return [
        {
          sql: `INSERT INTO user_views (tenant_id, id, email, first_name, last_name, role_ids, team_ids, status, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, $8::jsonb, 'ACTIVE', $7, $7) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.email, d.firstName, d.lastName, JSON.stringify(d.roleIds), at, JSON.stringify(d.teamIds)],
        },
      ];
    }
    case 'user.updated': {
      const d = event.data as Data<'user.updated'>;
      const sets: string[] = ['updated_at = $3'];
      const params: unknown[] = [t, id, at];
      if (d.firstName !== undefined) sets.push(`first_name = $${params.push(d.firstName)}`);
      if (d.lastName !== undefined) sets.push(`last_name = $${params.push(d.lastName)}`);
      if (d.roleIds !== undefined) sets.push(`role_ids = $${params.push(JSON.stringify(d.roleIds))}::jsonb`);
      if (d.teamIds !== undefined) sets.push(`team_ids = $${params.push(JSON.stringify(d.teamIds))}::jsonb`);
      return [{ sql: `UPDATE user_views SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params }];
    }
    case 'user.disabled':
      return [{ sql: `UPDATE user_views SET status = 'DISABLED', updated_at = $3 WHERE tenant_id = $1 AND id = $2`, params: [t, id, at] }];
    case 'user.password_changed':
      return [{ sql: `UPDATE user_views SET updated_at = $3 WHERE tenant_id = $1 AND id = $2`, params: [t, id, at] }];
    default:
      return [];
  }
}
