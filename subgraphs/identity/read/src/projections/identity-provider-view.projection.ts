import type { IdentityEvent } from '@crm/event-bus/contracts/identity';
import type { Statement } from '@crm/event-bus/kit';

type ProviderEvent = Extract<IdentityEvent, { type: 'identity_provider.configured' | 'identity_provider.removed' }>;
type Projected = Pick<IdentityEvent, 'type' | 'data' | 'tenantId' | 'aggregateId' | 'occurredAt'>;

/**
 * The tenant's configured external sign-in providers (pure): a configuration upserts the row (the
 * aggregate id stays the same across reconfigurations and removals), a removal deletes it. The
 * events carry no secret, only whether one is stored.
 */
export function identityProviderStatements(event: Projected): Statement[] {
  if (event.type !== 'identity_provider.configured' && event.type !== 'identity_provider.removed') return [];
  const t = event.tenantId;
  const id = event.aggregateId;
  if (event.type === 'identity_provider.removed')
    return [{ sql: `DELETE FROM identity_provider_views WHERE tenant_id = $1 AND id = $2`, params: [t, id] }];
  const d = event.data as Extract<ProviderEvent, { type: 'identity_provider.configured' }>['data'];
  return [
    {
      sql: `INSERT INTO identity_provider_views (tenant_id, id, kind, type, issuer, graph_base_url, client_id, redirect_uris, scopes, has_secret, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)
            ON CONFLICT (tenant_id, id) DO UPDATE SET kind = EXCLUDED.kind, type = EXCLUDED.type, issuer = EXCLUDED.issuer, graph_base_url = EXCLUDED.graph_base_url,
              client_id = EXCLUDED.client_id, redirect_uris = EXCLUDED.redirect_uris, scopes = EXCLUDED.scopes, has_secret = EXCLUDED.has_secret, updated_at = EXCLUDED.updated_at`,
      params: [
        t,
        id,
        d.kind,
        d.type,
        d.issuer,
        d.graphBaseUrl,
        d.clientId,
        JSON.stringify(d.redirectUris),
        d.scopes === null ? null : JSON.stringify(d.scopes),
        d.hasSecret,
        event.occurredAt,
      ],
    },
  ];
}
