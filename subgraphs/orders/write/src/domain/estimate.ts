import type {
  DeliveryMethod,
  InvalidProduct,
  OrderEstimateEvent,
  OrderLine,
  SupplyMethod,
  Totals,
  WalletHold,
} from '@crm/event-bus/contracts/orders';

/** Write-side state of one order estimate: what was priced, the wallet funds held for it, and whether it was ordered. */
export interface EstimateState {
  id: string;
  version: number;
  contactId: string;
  accountId: string;
  supplyMethod: SupplyMethod;
  deliveryMethod: DeliveryMethod | null;
  paymentMethodType: string;
  fulfilledBy: string | null;
  addressId: string | null;
  notes: string | null;
  currency: string;
  lines: OrderLine[];
  invalidProducts: InvalidProduct[];
  totals: Totals;
  wallet: WalletHold | null;
  expiresAt: Date;
  /** The order placed from it; null while it can still be ordered. */
  orderId: string | null;
  createdAt: Date;
}

/** What a decider returns: event types with their data (a distributive Pick, one member per event type). */
export type EstimateChange = OrderEstimateEvent extends infer E ? (E extends OrderEstimateEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure). */
export function evolveEstimate(state: EstimateState | null, event: EstimateChange, meta: { version: number; at: Date }): EstimateState {
  switch (event.type) {
    case 'order_estimate.created': {
      const d = event.data;
      return {
        id: state?.id ?? '',
        version: meta.version,
        contactId: d.contactId,
        accountId: d.accountId,
        supplyMethod: d.supplyMethod,
        deliveryMethod: d.deliveryMethod,
        paymentMethodType: d.paymentMethodType,
        fulfilledBy: d.fulfilledBy,
        addressId: d.addressId,
        notes: d.notes,
        currency: d.currency,
        lines: d.lines,
        invalidProducts: d.invalidProducts,
        totals: d.totals,
        wallet: d.wallet,
        expiresAt: new Date(d.expiresAt),
        orderId: null,
        createdAt: meta.at,
      };
    }
    case 'order_estimate.ordered':
      if (!state) throw new Error('order_estimate.ordered before order_estimate.created');
      return { ...state, version: meta.version, orderId: event.data.orderId };
  }
}
