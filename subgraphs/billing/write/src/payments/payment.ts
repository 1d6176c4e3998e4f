import { AppError } from '@crm/platform/errors';
import type { GATEWAYS, PaymentEvent } from '@crm/event-bus/contracts/billing';
import { fromMinor, toMinor } from '../domain/money';

export type PaymentStatus = 'REQUESTED' | 'CHARGED' | 'DECLINED' | 'POSTED' | 'REFUNDED' | 'VOIDED';

/** One refund (or the void) of a payment, as recorded once. */
export interface PaymentRefund {
  id: string;
  gatewayRefundId: string;
  amount: string;
  ledgerTransactionId: string;
  void: boolean;
  notes: string | null;
  at: string;
}

/**
 * One payment of a contact's account: REQUESTED (the charge is being made; a retry looks it up by
 * its key) → CHARGED (money taken; the account credit is owed) → POSTED (credited once through the
 * ledger) → REFUNDED (partly or wholly) or VOIDED (wholly reversed); or DECLINED (nothing moved).
 */
export interface PaymentState {
  id: string;
  version: number;
  status: PaymentStatus;
  contactId: string;
  accountId: string;
  paymentMethodId: string | null;
  gateway: (typeof GATEWAYS)[number];
  amount: string;
  currency: string;
  code: string;
  notes: string | null;
  intentId: string | null;
  chargeId: string | null;
  declineCode: string | null;
  declineReason: string | null;
  ledgerTransactionId: string | null;
  refunds: PaymentRefund[];
  createdAt: Date;
  updatedAt: Date;
}

export type PaymentChange = PaymentEvent extends infer E ? (E extends PaymentEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolvePayment(state: PaymentState | null, event: PaymentChange, meta: { version: number; at: Date }): PaymentState {
  const at = meta.at;
  if (event.type === 'payment.requested')
    return {
      id: state?.id ?? '',
      version: meta.version,
      status: 'REQUESTED',
      ...event.data,
      chargeId: null,
      declineCode: null,
      declineReason: null,
      ledgerTransactionId: null,
      refunds: [],
      createdAt: at,
      updatedAt: at,
    };
  const s = { ...(state as PaymentState), version: meta.version, updatedAt: at };
  switch (event.type) {
    case 'payment.charged':
      return { ...s, status: 'CHARGED', chargeId: event.data.chargeId };
    case 'payment.declined':
      return { ...s, status: 'DECLINED', declineCode: event.data.code, declineReason: event.data.reason };
    case 'payment.posted':
      return { ...s, status: 'POSTED', ledgerTransactionId: event.data.ledgerTransactionId };
    case 'payment.refunded': {
      const { refundId, ...rest } = event.data;
      const refunds = [...s.refunds, { id: refundId, ...rest, at: at.toISOString() }];
      return { ...s, status: event.data.void ? 'VOIDED' : 'REFUNDED', refunds };
    }
  }
}

/** What is left to refund of a payment (minor units). */
export function refundableMinor(s: PaymentState): bigint {
  const paid = toMinor(s.amount, s.currency);
  const back = s.refunds.reduce((sum, r) => sum + toMinor(r.amount, s.currency), 0n);
  return paid - back;
}

export interface RequestPayment {
  contactId: string;
  accountId: string;
  paymentMethodId: string | null;
  /** The method's gateway token; required for a direct charge (no intent). */
  token: string | null;
  gateway: PaymentState['gateway'];
  amount: string;
  currency: string;
  code: string;
  notes: string | null;
  intentId: string | null;
}

/** Opens a payment (pure): a positive amount exact to the currency's minor unit, a method with a token unless an intent settles it. */
export function requestPayment(state: PaymentState | null, cmd: RequestPayment): PaymentChange[] {
  if (state) return [];
  const minor = toMinor(cmd.amount, cmd.currency, 'amount');
  if (!cmd.intentId && !cmd.token)
    throw AppError.validation('payment_method.id', 'the payment method has no gateway token to charge', 'PAYMENT_METHOD_NOT_USABLE');
  if (!/^[\w.:-]{1,64}$/.test(cmd.code)) throw AppError.validation('code', 'must be 1 to 64 letters, digits, ".", ":", "_" or "-"', 'INVALID_VALUE');
  return [
    {
      type: 'payment.requested',
      data: {
        contactId: cmd.contactId,
        accountId: cmd.accountId,
        paymentMethodId: cmd.paymentMethodId,
        gateway: cmd.gateway,
        amount: fromMinor(minor, cmd.currency),
        currency: cmd.currency,
        code: cmd.code,
        notes: cmd.notes,
        intentId: cmd.intentId,
      },
    },
  ];
}

export type PaymentChargeOutcome = { kind: 'succeeded'; chargeId: string } | { kind: 'declined'; code: string; reason: string };

/** Records the gateway's answer once (pure): REQUESTED → CHARGED or DECLINED; the same answer again changes nothing. */
export function recordPaymentCharge(state: PaymentState | null, outcome: PaymentChargeOutcome): PaymentChange[] {
  if (!state) throw AppError.notFound('payment', '');
  if (state.status !== 'REQUESTED') {
    const same = outcome.kind === 'succeeded' ? state.chargeId === outcome.chargeId : state.status === 'DECLINED';
    if (same) return [];
    throw new AppError('CONFLICT', `the payment is ${state.status} already`, { reason: 'PAYMENT_STATE' });
  }
  return outcome.kind === 'succeeded'
    ? [{ type: 'payment.charged', data: { chargeId: outcome.chargeId } }]
    : [{ type: 'payment.declined', data: { code: outcome.code, reason: outcome.reason } }];
}

/** Records the account credit once (pure): CHARGED → POSTED; a posted payment changes nothing. */
export function postPayment(state: PaymentState | null, ledgerTransactionId: string): PaymentChange[] {
  if (!state) throw AppError.notFound('payment', '');
  if (state.ledgerTransactionId) return [];
  if (state.status !== 'CHARGED') throw new AppError('CONFLICT', `a ${state.status} payment cannot be posted`, { reason: 'PAYMENT_STATE' });
  return [{ type: 'payment.posted', data: { ledgerTransactionId } }];
}

/**
 * Checks a refund before money moves (pure): only a POSTED or partly REFUNDED payment, at most what
 * is left; a void takes all that is left. Returns the amount to refund (canonical decimal).
 */
export function planRefund(state: PaymentState | null, req: { amount: string | null; void: boolean }): string {
  if (!state) throw AppError.notFound('payment', '');
  if (state.status === 'VOIDED') throw new AppError('CONFLICT', 'the payment is voided already', { reason: 'PAYMENT_STATE' });
  if (state.status !== 'POSTED' && state.status !== 'REFUNDED')
    throw new AppError('CONFLICT', `a ${state.status} payment cannot be refunded`, { reason: 'PAYMENT_STATE' });
  const left = refundableMinor(state);
  if (left <= 0n) throw new AppError('CONFLICT', 'the payment is refunded in full already', { reason: 'PAYMENT_STATE' });
  if (req.void || req.amount === null) {
    if (req.void && state.refunds.length > 0)
      throw new AppError('CONFLICT', 'a partly refunded payment cannot be voided; refund the rest', { reason: 'PAYMENT_STATE' });
    return fromMinor(left, state.currency);
  }
  const minor = toMinor(req.amount, state.currency, 'amount');
  if (minor > left)
    throw AppError.validation('amount', `exceeds what is left to refund (${fromMinor(left, state.currency)} ${state.currency})`, 'INVALID_AMOUNT');
  return fromMinor(minor, state.currency);
}

/** Records a refund once (pure): the same refund id again changes nothing. */
export function recordRefund(
  state: PaymentState | null,
  refund: { refundId: string; gatewayRefundId: string; amount: string; ledgerTransactionId: string; void: boolean; notes: string | null },
): PaymentChange[] {
  if (!state) throw AppError.notFound('payment', '');
  if (state.refunds.some((r) => r.id === refund.refundId)) return [];
  planRefund(state, { amount: refund.amount, void: refund.void });
  return [{ type: 'payment.refunded', data: refund }];
}
