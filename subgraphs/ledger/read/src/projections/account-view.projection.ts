import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/**
 * `account_views`: one row per ledger account with its balance and blocked amount after its last
 * event (each posting and reservation event carries both), so the row is the fold of its postings (pure).
 */
export function accountViewStatements(event: ProjectedEvent): Statement[] {
  const t = event.tenantId;
  const id = event.aggregateId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'ledger_account.opened': {
      const d = event.data;
      return [
        {
          sql: `INSERT INTO account_views (tenant_id, id, kind, wallet_id, contact_id, pocket, commerce_pool_id, system_account, currency, name, is_primary, balance, blocked, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, $12, $12) ON CONFLICT (tenant_id, id) DO NOTHING`,
          params: [t, id, d.kind, d.walletId, d.contactId, d.pocket, d.commercePoolId, d.systemAccount, d.currency, d.name, d.isPrimary, at],
        },
      ];
    }
    case 'ledger_account.posted':
      return [
        {
          sql: `UPDATE account_views SET balance = $3::bigint, blocked = $4::bigint, updated_at = $5 WHERE tenant_id = $1 AND id = $2`,
          params: [t, id, event.data.balance, event.data.blocked, at],
        },
      ];
    case 'ledger_account.funds_reserved':
    case 'ledger_account.reservation_released':
      return [
        {
          sql: `UPDATE account_views SET blocked = $3::bigint, updated_at = $4 WHERE tenant_id = $1 AND id = $2`,
          params: [t, id, event.data.blocked, at],
        },
      ];
    default:
      return [];
  }
}
