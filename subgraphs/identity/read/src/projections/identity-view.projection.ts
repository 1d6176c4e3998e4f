import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import { identityProviderStatements } from './identity-provider-view.projection';
import type { Statement } from './statement';

export type { Statement } from './statement';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];
type ProjectedEvent = Pick<IdentityEvent, 'type' | 'data' | 'tenantId' | 'aggregateId' | 'occurredAt'>;

/**
 * What one identity event changes in the read models (pure). The caller skips events at or below
 * the aggregate version already applied; events this side does not model yield no statements.
 */
export function identityStatements(event: ProjectedEvent): Statement[] {
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
    case 'tenant.application_created': {
      const d = event.data as Data<'tenant.application_created'>;
      return [
        {
          sql: `INSERT INTO application_views (tenant_id, id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, d.applicationId, d.name, at],
        },
      ];
    }
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
    case 'api_key.created': {
      const d = event.data as Data<'api_key.created'>;
      return [
        {
          sql: `INSERT INTO api_key_views (tenant_id, id, application_id, kind, env, name, prefix, last4, role_id, created_at, expires_at, revoked)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.applicationId, d.kind, d.env, d.name, d.prefix, d.last4, d.roleId, at, d.expiresAt],
        },
      ];
    }
    case 'api_key.rotated': {
      const d = event.data as Data<'api_key.rotated'>;
      return [{ sql: `UPDATE api_key_views SET expires_at = $3 WHERE tenant_id = $1 AND id = $2`, params: [t, id, d.oldKeyExpiresAt] }];
    }
    case 'api_key.revoked':
      return [{ sql: `UPDATE api_key_views SET revoked = true WHERE tenant_id = $1 AND id = $2`, params: [t, id] }];
    case 'identity_provider.configured':
    case 'identity_provider.removed':
      return identityProviderStatements(event as Parameters<typeof identityProviderStatements>[0]);
    default:
      return [];
  }
}
