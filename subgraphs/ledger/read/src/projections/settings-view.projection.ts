import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/**
 * Account details (`account_views`), wallet settings (`wallet_views`), commerce pools
 * (`commerce_pool_views`) and the tenant's default wallet limits (`ledger_limit_views`): each event
 * carries the whole state after it, so the row is its last event (pure).
 */
export function settingsViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'ledger_account.updated': {
      const d = event.data;
      return [
        {
          sql: `UPDATE account_views SET name = $3, is_primary = $4, details = $5::jsonb, updated_at = $6 WHERE tenant_id = $1 AND id = $2`,
          params: [
            t,
            id,
            d.name,
            d.isPrimary,
            JSON.stringify({
              classificationId: d.classificationId,
              billingAddressId: d.billingAddressId,
              paymentTermsId: d.paymentTermsId,
              creditLimit: d.creditLimit,
            }),
            at,
          ],
        },
      ];
    }
    case 'wallet.updated':
      return [
        {
          sql: `UPDATE wallet_views SET settings = $3::jsonb WHERE tenant_id = $1 AND id = $2`,
          params: [t, id, JSON.stringify(event.data.settings)],
        },
      ];
    case 'commerce_pool.defined':
      return [
        {
          sql: `INSERT INTO commerce_pool_views (tenant_id, id, definition, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $4)
                ON CONFLICT (tenant_id, id) DO UPDATE SET definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at`,
          params: [t, id, JSON.stringify(event.data), at],
        },
      ];
    case 'ledger_limits.set':
      return [
        {
          sql: `INSERT INTO ledger_limit_views (tenant_id, limit_rules, updated_at) VALUES ($1, $2::jsonb, $3)
                ON CONFLICT (tenant_id) DO UPDATE SET limit_rules = EXCLUDED.limit_rules, updated_at = EXCLUDED.updated_at`,
          params: [t, JSON.stringify(event.data.limitRules), at],
        },
      ];
    default:
      return [];
  }
}
