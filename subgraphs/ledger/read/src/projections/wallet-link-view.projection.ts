import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/** `wallet_identity_views` and `wallet_link_views` (flow 16), pure; a redelivered event writes nothing new. */
export function walletLinkViewStatements(event: ProjectedEvent): Statement[] {
  if (event.type === 'wallet.identity_set')
    return [
      {
        sql: `INSERT INTO wallet_identity_views (tenant_id, type, value, wallet_id) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, type, value) DO NOTHING`,
        params: [event.tenantId, event.data.identity.type, event.data.identity.value, event.aggregateId],
      },
    ];
  if (event.type === 'wallet.linked')
    return [
      {
        sql: `INSERT INTO wallet_link_views (tenant_id, contact_id, wallet_id, linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, contact_id) DO NOTHING`,
        params: [event.tenantId, event.data.contactId, event.aggregateId, event.occurredAt],
      },
    ];
  return [];
}
