import type { Statement } from '@crm/event-bus/kit';
import type { ProjectedEvent } from './projected-event';

/** `lot_views`: the lots of wallet pockets (what expires when): a credit opens one, a debit lowers what is left of those it consumed (pure). */
export function lotViewStatements(event: ProjectedEvent): Statement[] {
  if (event.type !== 'ledger_account.posted') return [];
  const d = event.data;
  const t = event.tenantId;
  const out: Statement[] = [];
  if (d.lot)
    out.push({
      sql: `INSERT INTO lot_views (tenant_id, id, account_id, amount, remaining, expires_at, unlock_at, created_at) VALUES ($1, $2, $3, $4::bigint, $4::bigint, $5, $6, $7)
            ON CONFLICT (tenant_id, id) DO NOTHING`,
      params: [t, d.lot.id, event.aggregateId, d.lot.amount, d.lot.expiresAt, d.lot.unlockAt, event.occurredAt],
    });
  for (const used of d.consumedLots)
    out.push({
      sql: `UPDATE lot_views SET remaining = remaining - $3::bigint WHERE tenant_id = $1 AND id = $2`,
      params: [t, used.lotId, used.amount],
    });
  return out;
}
