import type { AggregateStore, Queryable } from '@crm/event-bus/kit';
import { canonicalId } from '@crm/platform/ids';
import type { PaymentRefund, PaymentState } from '../payments/payment';
import type { PayoutState } from '../payments/payout';

interface PaymentRow {
  id: string;
  version: number;
  status: PaymentState['status'];
  contact_id: string;
  account_id: string;
  payment_method_id: string | null;
  gateway: PaymentState['gateway'];
  amount: string;
  currency: string;
  code: string;
  notes: string | null;
  intent_id: string | null;
  charge_id: string | null;
  decline_code: string | null;
  decline_reason: string | null;
  ledger_transaction_id: string | null;
  refunds: PaymentRefund[] | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const PAYMENT_COLUMNS =
  'id, version, status, contact_id, account_id, payment_method_id, gateway, amount, currency, code, notes, intent_id, charge_id, decline_code, decline_reason, ledger_transaction_id, refunds, created_at, updated_at';

const toPayment = (r: PaymentRow): PaymentState => ({
  id: r.id,
  version: Number(r.version),
  status: r.status,
  contactId: r.contact_id,
  accountId: r.account_id,
  paymentMethodId: r.payment_method_id,
  gateway: r.gateway,
  amount: r.amount,
  currency: r.currency,
  code: r.code,
  notes: r.notes,
  intentId: r.intent_id,
  chargeId: r.charge_id,
  declineCode: r.decline_code,
  declineReason: r.decline_reason,
  ledgerTransactionId: r.ledger_transaction_id,
  refunds: typeof r.refunds === 'string' ? (JSON.parse(r.refunds) as PaymentRefund[]) : r.refunds,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function paymentById(q: Queryable, tenantId: string, ref: string): Promise<PaymentState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as PaymentRow[];
  return rows[0] ? toPayment(rows[0]) : null;
}

/** Payments: tenant-scoped reads and the command handler's writes. */
export const paymentStore: AggregateStore<PaymentState> = {
  load: paymentById,
  findById: paymentById,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO payments (tenant_id, ${PAYMENT_COLUMNS})
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19, $20) ON CONFLICT DO NOTHING RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.status,
      s.contactId,
      s.accountId,
      s.paymentMethodId,
      s.gateway,
      s.amount,
      s.currency,
      s.code,
      s.notes,
      s.intentId,
      s.chargeId,
      s.declineCode,
      s.declineReason,
      s.ledgerTransactionId,
      JSON.stringify(s.refunds),
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE payments SET version = $3, status = $4, charge_id = $5, decline_code = $6, decline_reason = $7, ledger_transaction_id = $8,
            refunds = $9::jsonb, updated_at = $10
          WHERE tenant_id = $1 AND id = $2 AND version = $11 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.status,
      s.chargeId,
      s.declineCode,
      s.declineReason,
      s.ledgerTransactionId,
      JSON.stringify(s.refunds),
      s.updatedAt,
      expectedVersion,
    ],
  }),
};

interface PayoutRow {
  id: string;
  version: number;
  status: PayoutState['status'];
  contact_id: string;
  wallet_id: string;
  payment_method_id: string;
  gateway: PayoutState['gateway'];
  amount: string;
  currency: string;
  notes: string | null;
  ledger_transaction_id: string | null;
  gateway_payout_id: string | null;
  failure_code: string | null;
  failure_reason: string | null;
  reversal_transaction_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const PAYOUT_COLUMNS =
  'id, version, status, contact_id, wallet_id, payment_method_id, gateway, amount, currency, notes, ledger_transaction_id, gateway_payout_id, failure_code, failure_reason, reversal_transaction_id, created_at, updated_at';

const toPayout = (r: PayoutRow): PayoutState => ({
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
  ledgerTransactionId: r.ledger_transaction_id,
  gatewayPayoutId: r.gateway_payout_id,
  failureCode: r.failure_code,
  failureReason: r.failure_reason,
  reversalTransactionId: r.reversal_transaction_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

async function payoutById(q: Queryable, tenantId: string, ref: string): Promise<PayoutState | null> {
  const id = canonicalId(ref);
  if (!id) return null;
  const rows = (await q.query(`SELECT ${PAYOUT_COLUMNS} FROM payouts WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as PayoutRow[];
  return rows[0] ? toPayout(rows[0]) : null;
}

/** Payouts: tenant-scoped reads and the command handler's writes. */
export const payoutStore: AggregateStore<PayoutState> = {
  load: payoutById,
  findById: payoutById,
  insert: (tenantId, s) => ({
    sql: `INSERT INTO payouts (tenant_id, ${PAYOUT_COLUMNS})
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT DO NOTHING RETURNING 1`,
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
      s.ledgerTransactionId,
      s.gatewayPayoutId,
      s.failureCode,
      s.failureReason,
      s.reversalTransactionId,
      s.createdAt,
      s.updatedAt,
    ],
  }),
  update: (tenantId, s, expectedVersion) => ({
    sql: `UPDATE payouts SET version = $3, status = $4, ledger_transaction_id = $5, gateway_payout_id = $6, failure_code = $7, failure_reason = $8,
            reversal_transaction_id = $9, updated_at = $10
          WHERE tenant_id = $1 AND id = $2 AND version = $11 RETURNING 1`,
    params: [
      tenantId,
      s.id,
      s.version,
      s.status,
      s.ledgerTransactionId,
      s.gatewayPayoutId,
      s.failureCode,
      s.failureReason,
      s.reversalTransactionId,
      s.updatedAt,
      expectedVersion,
    ],
  }),
};
