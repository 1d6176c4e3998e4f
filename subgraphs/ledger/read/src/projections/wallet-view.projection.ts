import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/** `wallet_views`: one row per wallet (pure; tenant-scoped by construction). Other events: no statement. */
export function walletViewStatements(event: ProjectedEvent): Statement[] {
  if (event.type !== 'wallet.opened') return [];
  const d = event.data;
  return [
    {
      sql: `INSERT INTO wallet_views (tenant_id, id, contact_id, code, currency, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, id) DO NOTHING`,
      params: [event.tenantId, event.aggregateId, d.contactId, d.code, d.currency, event.occurredAt],
    },
  ];
}
