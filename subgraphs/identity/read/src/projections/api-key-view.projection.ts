import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

type Data<T extends IdentityEvent['type']> = Extract<IdentityEvent, { type: T }>['data'];

/** `api_key_views`: API keys, masked (the events carry the prefix and last 4 characters only) (pure; tenant-scoped by construction). Other events: no statement. */
export function apiKeyViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
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
    default:
      return [];
  }
}
