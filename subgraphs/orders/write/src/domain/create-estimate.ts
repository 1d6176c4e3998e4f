import { AppError } from '@crm/platform/errors';
import type { DeliveryMethod, SupplyMethod, WalletHold } from '@crm/event-bus/contracts/orders';
import { toMicro } from './money';
import type { PricedOrder } from './pricing';
import type { EstimateChange, EstimateState } from './estimate';

export interface CreateEstimate {
  contactId: string;
  accountId: string;
  supplyMethod: SupplyMethod;
  deliveryMethod: DeliveryMethod | null;
  paymentMethodType: 'CARD' | 'ACCOUNT_DEBIT' | 'WALLET' | 'CRM_WALLET' | 'CASH' | 'CHEQUE';
  fulfilledBy: string | null;
  addressId: string | null;
  notes: string | null;
  priced: PricedOrder;
  /** The wallet funds the ledger reserved for it (at most its total), or null. */
  wallet: WalletHold | null;
  /** How long the estimate (and its reservation) holds. */
  ttlMs: number;
}

/** Records an estimate (pure): the priced order, and the reservation that expires with it. */
export function createEstimate(state: EstimateState | null, cmd: CreateEstimate, now: Date): EstimateChange[] {
  if (state) throw new AppError('CONFLICT', 'the estimate exists already', { reason: 'ORDER_ESTIMATE_EXISTS' });
  if (cmd.supplyMethod === 'DELIVERY' && !cmd.addressId)
    throw AppError.validation('addressId', 'is required when the supply method is DELIVERY', 'REQUIRED');
  if (cmd.wallet && toMicro(cmd.wallet.amount) > toMicro(cmd.priced.totals.total))
    throw AppError.validation('walletFundsAmount', 'is more than the order total', 'INVALID_VALUE');
  return [
    {
      type: 'order_estimate.created',
      data: {
        contactId: cmd.contactId,
        accountId: cmd.accountId,
        supplyMethod: cmd.supplyMethod,
        deliveryMethod: cmd.deliveryMethod,
        paymentMethodType: cmd.paymentMethodType,
        fulfilledBy: cmd.fulfilledBy,
        addressId: cmd.addressId,
        notes: cmd.notes,
        currency: cmd.priced.currency,
        lines: cmd.priced.lines,
        invalidProducts: cmd.priced.invalidProducts,
        totals: cmd.priced.totals,
        wallet: cmd.wallet,
        expiresAt: new Date(now.getTime() + cmd.ttlMs).toISOString(),
      },
    },
  ];
}
