import { epochSeconds } from '../../kit/format';
import type { GqlPaymentView } from './payments-operations';

type Json = Record<string, unknown>;
const present = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/** GraphQL fields → the REST body's names in error messages. */
export const paymentFields = (path: string): string => {
  const last = path.split('.').pop() ?? path;
  const names: Record<string, string> = {
    accountId: 'account_id',
    contactId: 'contact_id',
    walletId: 'wallet_id',
    paymentMethodId: 'payment_method.id',
    currency: 'currency_code',
    amount: 'amount',
    code: 'code',
    notes: 'notes',
    capture: 'capture',
  };
  return names[last] ?? path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
};

/** A payment or payout view → the Back-Office shape (amounts as numbers, dates as epoch seconds, absent values omitted). */
export function toBackOfficePayment(v: GqlPaymentView): Json {
  return present({
    id: v.id,
    state: v.status,
    contact_id: v.contactId,
    account_id: v.accountId,
    wallet_id: v.walletId,
    payment_method_id: v.paymentMethodId,
    gateway: v.gateway,
    amount: Number(v.amount),
    currency_code: v.currency,
    code: v.code,
    notes: v.notes,
    intent_id: v.intentId,
    gateway_reference: v.gatewayReference,
    failure: v.failureCode ? { code: v.failureCode, reason: v.failureReason ?? '' } : null,
    ledger_transaction_id: v.ledgerTransactionId,
    refunded_amount: Number(v.refunded),
    refunds: v.refunds.map((r) =>
      present({
        id: r.id,
        amount: Number(r.amount),
        void: r.void,
        gateway_reference: r.gatewayRefundId,
        ledger_transaction_id: r.ledgerTransactionId,
        notes: r.notes,
        created_date: epochSeconds(r.at),
      }),
    ),
    created_date: epochSeconds(v.createdAt),
    updated_date: epochSeconds(v.updatedAt),
  });
}
