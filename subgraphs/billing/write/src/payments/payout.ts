import { AppError } from '@crm/platform/errors';
import type { GATEWAYS, PayoutEvent } from '@crm/event-bus/contracts/billing';
import { fromMinor, toMinor } from '../domain/money';

export type PayoutStatus = 'REQUESTED' | 'DEBITED' | 'PAID' | 'FAILED';

/**
 * One payout: REQUESTED → the wallet's OPEN pocket debited once through the ledger (DEBITED) →
 * paid out by the gateway (PAID); or FAILED (refused before the debit, or refused by the gateway
 * after it, and then the debit reversed once).
 */
export interface PayoutState {
  id: string;
  version: number;
  status: PayoutStatus;
  contactId: string;
  walletId: string;
  paymentMethodId: string;
  gateway: (typeof GATEWAYS)[number];
  amount: string;
  currency: string;
  notes: string | null;
  ledgerTransactionId: string | null;
  gatewayPayoutId: string | null;
  failureCode: string | null;
  failureReason: string | null;
  reversalTransactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PayoutChange = PayoutEvent extends infer E ? (E extends PayoutEvent ? Pick<E, 'type' | 'data'> : never) : never;

export function evolvePayout(state: PayoutState | null, event: PayoutChange, meta: { version: number; at: Date }): PayoutState {
  const at = meta.at;
  if (event.type === 'payout.requested')
    return {
      id: state?.id ?? '',
      version: meta.version,
      status: 'REQUESTED',
      ...event.data,
      ledgerTransactionId: null,
      gatewayPayoutId: null,
      failureCode: null,
      failureReason: null,
      reversalTransactionId: null,
      createdAt: at,
      updatedAt: at,
    };
  const s = { ...(state as PayoutState), version: meta.version, updatedAt: at };
  switch (event.type) {
    case 'payout.debited':
      return { ...s, status: 'DEBITED', ledgerTransactionId: event.data.ledgerTransactionId };
    case 'payout.paid':
      return { ...s, status: 'PAID', gatewayPayoutId: event.data.gatewayPayoutId };
    case 'payout.failed':
      return {
        ...s,
        status: 'FAILED',
        failureCode: event.data.code,
        failureReason: event.data.reason,
        reversalTransactionId: event.data.reversalTransactionId,
      };
  }
}

export interface RequestPayout {
  contactId: string;
  walletId: string;
  paymentMethodId: string;
  token: string | null;
  gateway: PayoutState['gateway'];
  amount: string;
  currency: string;
  notes: string | null;
}

/** Opens a payout (pure): a positive amount exact to the currency, a method of the contact with a gateway token. */
export function requestPayout(state: PayoutState | null, cmd: RequestPayout): PayoutChange[] {
  if (state) return [];
  const minor = toMinor(cmd.amount, cmd.currency, 'amount');
  if (!cmd.token)
    throw AppError.validation('payment_method.id', 'the payment method has no gateway token to pay out to', 'PAYMENT_METHOD_NOT_USABLE');
  const { token: _token, ...data } = cmd;
  return [{ type: 'payout.requested', data: { ...data, amount: fromMinor(minor, cmd.currency) } }];
}

/** The wallet debit, once (pure): REQUESTED → DEBITED. */
export function recordPayoutDebit(state: PayoutState | null, ledgerTransactionId: string): PayoutChange[] {
  if (!state) throw AppError.notFound('payout', '');
  if (state.ledgerTransactionId === ledgerTransactionId) return [];
  if (state.status !== 'REQUESTED') throw new AppError('CONFLICT', `a ${state.status} payout cannot be debited`, { reason: 'PAYOUT_STATE' });
  return [{ type: 'payout.debited', data: { ledgerTransactionId } }];
}

/** The gateway paid out, once (pure): DEBITED → PAID. */
export function recordPayoutPaid(state: PayoutState | null, gatewayPayoutId: string): PayoutChange[] {
  if (!state) throw AppError.notFound('payout', '');
  if (state.status === 'PAID' && state.gatewayPayoutId === gatewayPayoutId) return [];
  if (state.status !== 'DEBITED') throw new AppError('CONFLICT', `a ${state.status} payout cannot be paid`, { reason: 'PAYOUT_STATE' });
  return [{ type: 'payout.paid', data: { gatewayPayoutId } }];
}

/** The payout failed (pure): before the debit (nothing to reverse) or after it (the reversal's id is required). */
export function failPayout(state: PayoutState | null, f: { code: string; reason: string; reversalTransactionId: string | null }): PayoutChange[] {
  if (!state) throw AppError.notFound('payout', '');
  if (state.status === 'FAILED') return [];
  if (state.status === 'PAID') throw new AppError('CONFLICT', 'a PAID payout cannot fail', { reason: 'PAYOUT_STATE' });
  if (state.status === 'DEBITED' && !f.reversalTransactionId)
    throw new AppError('CONFLICT', 'a debited payout fails only with its debit reversed', { reason: 'PAYOUT_STATE' });
  return [{ type: 'payout.failed', data: { code: f.code, reason: f.reason.slice(0, 500), reversalTransactionId: f.reversalTransactionId } }];
}
