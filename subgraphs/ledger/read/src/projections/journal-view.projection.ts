import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/**
 * `journal_views`: one row per posting (a transaction has one per account it moves), with the
 * account's balance after it and its wallet and contact, so journals list per wallet, account or
 * contact and an as-of balance is the last row at or before the instant (pure).
 */
export function journalViewStatements(event: ProjectedEvent): Statement[] {
  if (event.type !== 'ledger_account.posted') return [];
  const d = event.data;
  return [
    {
      sql: `INSERT INTO journal_views (tenant_id, transaction_id, account_id, wallet_id, contact_id, type, amount, currency, balance_after, posted_at, notes, reference, reverses_transaction_id)
            SELECT $1, $2, $3, a.wallet_id, a.contact_id, $4, $5::bigint, $6, $7::bigint, $8, $9, $10, $11 FROM account_views a WHERE a.tenant_id = $1 AND a.id = $3
            ON CONFLICT (tenant_id, transaction_id, account_id) DO NOTHING`,
      params: [
        event.tenantId,
        d.transactionId,
        event.aggregateId,
        d.transactionType,
        d.amount,
        d.currency,
        d.balance,
        event.occurredAt,
        d.notes,
        d.reference,
        d.reversesTransactionId,
      ],
    },
  ];
}
