import type { PaymentEvent, PayoutEvent } from '@crm/event-bus/contracts/billing';

export interface PaymentViewRefund {
  id: string;
  amount: string;
  void: boolean;
  gatewayRefundId: string;
  ledgerTransactionId: string;
  notes: string | null;
  at: string;
}

/** A payment or a payout as the Back-Office reads it. */
export interface PaymentView {
  id: string;
  kind: 'PAYMENT' | 'PAYOUT';
  version: number;
  contactId: string;
  status: string;
  /** The account paid into (payments) or the wallet paid out of (payouts). */
  accountId: string | null;
  walletId: string | null;
  paymentMethodId: string | null;
  gateway: string;
  amount: string;
  currency: string;
  code: string | null;
  notes: string | null;
  intentId: string | null;
  gatewayReference: string | null;
  failureCode: string | null;
  failureReason: string | null;
  ledgerTransactionId: string | null;
  refunded: string;
  refunds: PaymentViewRefund[];
  createdAt: Date;
  updatedAt: Date;
}

type Ev = Pick<PaymentEvent | PayoutEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>;

/** Adds two canonical decimal strings of one currency exactly (no floating point). */
function addDecimal(a: string, b: string): string {
  const scale = Math.max((a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
  const toInt = (v: string) => BigInt((v.split('.')[0] ?? '0') + (v.split('.')[1] ?? '').padEnd(scale, '0'));
  const sum = (toInt(a) + toInt(b)).toString().padStart(scale + 1, '0');
  return scale ? `${sum.slice(0, -scale)}.${sum.slice(-scale)}` : sum;
}

/** Folds one payment or payout event into its view (pure; events come in aggregate-version order). */
export function projectPayment(view: PaymentView | null, e: Ev): PaymentView {
  const at = new Date(e.occurredAt);
  const base: PaymentView = view ?? {
    id: e.aggregateId,
    kind: e.type.startsWith('payout.') ? 'PAYOUT' : 'PAYMENT',
    version: 0,
    contactId: '',
    status: 'REQUESTED',
    accountId: null,
    walletId: null,
    paymentMethodId: null,
    gateway: 'TEST',
    amount: '0',
    currency: 'EUR',
    code: null,
    notes: null,
    intentId: null,
    gatewayReference: null,
    failureCode: null,
    failureReason: null,
    ledgerTransactionId: null,
    refunded: '0',
    refunds: [],
    createdAt: at,
    updatedAt: at,
  };
  const v = { ...base, version: e.aggregateVersion, updatedAt: at };
  const ev = e as PaymentEvent | PayoutEvent;
  switch (ev.type) {
    case 'payment.requested':
      return { ...v, ...ev.data, walletId: null, status: 'REQUESTED', createdAt: at };
    case 'payment.charged':
      return { ...v, status: 'CHARGED', gatewayReference: ev.data.chargeId };
    case 'payment.declined':
      return { ...v, status: 'DECLINED', failureCode: ev.data.code, failureReason: ev.data.reason };
    case 'payment.posted':
      return { ...v, status: 'POSTED', ledgerTransactionId: ev.data.ledgerTransactionId };
    case 'payment.refunded': {
      const { refundId, ...r } = ev.data;
      return {
        ...v,
        status: r.void ? 'VOIDED' : 'REFUNDED',
        refunded: addDecimal(v.refunded, r.amount),
        refunds: [...v.refunds, { id: refundId, ...r, at: at.toISOString() }],
      };
    }
    case 'payout.requested':
      return { ...v, ...ev.data, accountId: null, status: 'REQUESTED', createdAt: at };
    case 'payout.debited':
      return { ...v, status: 'DEBITED', ledgerTransactionId: ev.data.ledgerTransactionId };
    case 'payout.paid':
      return { ...v, status: 'PAID', gatewayReference: ev.data.gatewayPayoutId };
    case 'payout.failed':
      return { ...v, status: 'FAILED', failureCode: ev.data.code, failureReason: ev.data.reason };
    default:
      return v;
  }
}
