import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { TopupState } from '../domain/topup';

interface Row {
  id: string;
  version: number;
  status: TopupState['status'];
  contact_id: string;
  wallet_id: string;
  payment_method_id: string;
  gateway: TopupState['gateway'];
  amount: string;
  currency: string;
  notes: string | null;
  charge_id: string | null;
  decline_code: string | null;
  decline_reason: string | null;
  ledger_transaction_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS =
  'id, version, status, contact_id, wallet_id, payment_method_id, gateway, amount, currency, notes, charge_id, decline_code, decline_reason, ledger_transaction_id, created_at, updated_at';

const toState = (r: Row): TopupState => ({
  id: r.id,
  version: Number(r.version),
  status: r.status,
  contactId: r.contact_id,
  walletId: r.wallet_id,
  paymentMethodId: r.payment_method_id,
  gateway: r.gateway,
  amount: r.amount,
  currency: r.currency,
  notes: r.notes,
  chargeId: r.charge_id,
  declineCode: r.decline_code,
  declineReason: r.decline_reason,
  ledgerTransactionId: r.ledger_transaction_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function byId(q: Queryable, tenantId: string, ref: string): Promise<TopupState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${COLUMNS} FROM topups WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Row[];
  return rows[0] ? toState(rows[0]) : null;
}

/** Top-ups: tenant-scoped reads and the command handler's writes. */
export const topupStore: AggregateStore<TopupState> = {
  load: byId,
  findById: byId,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO topups (tenant_id, id, version, status, contact_id, wallet_id, payment_method_id, gateway, amount, currency, notes, charge_id,
            decline_code, decline_reason, ledger_transaction_id, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.status,
      s.contactId,
      s.walletId,
      s.paymentMethodId,
      s.gateway,
      s.amount,
      s.currency,
      s.notes,
      s.chargeId,
      s.declineCode,
      s.declineReason,
      s.ledgerTransactionId,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE topups SET version = $3, status = $4, charge_id = $5, decline_code = $6, decline_reason = $7, ledger_transaction_id = $8, updated_at = $9
          WHERE tenant_id = $1 AND id = $2 AND version = $10 RETURNING 1`,
    params: [tenantId, s.id, s.version, s.status, s.chargeId, s.declineCode, s.declineReason, s.ledgerTransactionId, s.updatedAt, expectedVersion],
  }),
};
