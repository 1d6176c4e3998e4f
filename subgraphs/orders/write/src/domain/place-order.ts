import { AppError } from '@crm/platform/errors';
import type { Payment } from '@crm/event-bus/contracts/orders';
import type { EstimateChange, EstimateState } from './estimate';
import { exactAmount, formatMoney, toMicro } from './money';
import type { OrderChange, OrderState } from './order';
import { DEFAULT_QUEUE, stageFor } from './queue';

/**
 * Whether the estimate can become an order now (pure): it is the caller's (a contact sees only its
 * own: 404 otherwise), it was not ordered, it has not expired and it priced something.
 */
export function checkOrderable(estimate: EstimateState | null, owner: string | null, now: Date): EstimateState {
  if (!estimate || (owner !== null && estimate.contactId !== owner))
    throw new AppError('NOT_FOUND', 'no such order estimate', { reason: 'ORDER_ESTIMATE_NOT_FOUND', field: 'estimationId' });
  if (estimate.orderId !== null)
    throw new AppError('CONFLICT', 'the estimate was ordered already', { reason: 'ORDER_ESTIMATE_ALREADY_ORDERED', field: 'estimationId' });
  if (now.getTime() >= estimate.expiresAt.getTime())
    throw new AppError('CONFLICT', 'the estimate has expired; estimate the order again', { reason: 'ORDER_ESTIMATE_EXPIRED', field: 'estimationId' });
  if (estimate.lines.length === 0)
    throw new AppError('CONFLICT', 'the estimate has no orderable product', { reason: 'ORDER_ESTIMATE_EMPTY', field: 'estimationId' });
  return estimate;
}

export interface WalletUse {
  useWalletFunds: boolean | null;
  walletFundsAmount: string | null;
}

/**
 * How much of the estimate's reserved wallet funds the order takes (pure): all of them unless
 * `useWalletFunds` is false (none) or `walletFundsAmount` asks for less; never more than reserved.
 */
export function walletFundsToCapture(estimate: EstimateState, use: WalletUse): bigint {
  const reserved = estimate.wallet ? toMicro(estimate.wallet.amount) : 0n;
  if (use.useWalletFunds === false) return 0n;
  if (use.walletFundsAmount === null) return reserved;
  const asked = exactAmount('walletFundsAmount', use.walletFundsAmount, estimate.currency);
  if (asked > reserved)
    throw AppError.validation(
      'walletFundsAmount',
      `is more than the ${formatMoney(reserved, estimate.currency)} the estimate holds`,
      'INVALID_VALUE',
    );
  return asked;
}

/** The estimate becomes this order (pure; refusals as checkOrderable). */
export function markEstimateOrdered(estimate: EstimateState | null, orderId: string, owner: string | null, now: Date): EstimateChange[] {
  checkOrderable(estimate, owner, now);
  return [{ type: 'order_estimate.ordered', data: { orderId } }];
}

export interface PlaceOrder {
  estimate: EstimateState;
  number: string;
  /** The wallet funds the ledger captured for it, or null. */
  walletFunds: { amount: string; transactionId: string } | null;
  payments: Payment[];
  notes: string | null;
}

/** Places the order from its estimate (pure): state NEW at the default queue's first stage. */
export function placeOrder(state: OrderState | null, cmd: PlaceOrder): OrderChange[] {
  if (state) throw new AppError('CONFLICT', 'the order exists already', { reason: 'ORDER_EXISTS' });
  const e = cmd.estimate;
  const total = toMicro(e.totals.total);
  const wallet = cmd.walletFunds ? toMicro(cmd.walletFunds.amount) : 0n;
  const toCollect = total - wallet;
  const paid = cmd.payments.reduce((sum, p, i) => sum + (p.amount === null ? 0n : exactAmount(`payments.${i}.amount`, p.amount, e.currency)), 0n);
  if (paid > toCollect)
    throw AppError.validation('payments', `pay more than the ${formatMoney(toCollect, e.currency)} left to collect`, 'INVALID_VALUE');
  return [
    {
      type: 'order.placed',
      data: {
        number: cmd.number,
        estimateId: e.id,
        contactId: e.contactId,
        accountId: e.accountId,
        supplyMethod: e.supplyMethod,
        deliveryMethod: e.deliveryMethod,
        fulfilledBy: e.fulfilledBy,
        addressId: e.addressId,
        notes: cmd.notes ?? e.notes,
        currency: e.currency,
        lines: e.lines,
        totals: e.totals,
        walletFunds: cmd.walletFunds,
        amountToCollect: formatMoney(toCollect, e.currency),
        payments: cmd.payments,
        queueId: DEFAULT_QUEUE.id,
        stage: stageFor('NEW'),
      },
    },
  ];
}

/** `O000001`: the tenant's n-th order. */
export const orderNumber = (n: number | bigint) => `O${n.toString().padStart(6, '0')}`;
