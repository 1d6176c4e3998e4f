import type { DeliveryMethod, OrderEvent, OrderLine, OrderStateName, Payment, SupplyMethod, Totals } from '@crm/event-bus/contracts/orders';

/** Write-side state of one order. */
export interface OrderState {
  id: string;
  version: number;
  number: string;
  estimateId: string;
  contactId: string;
  accountId: string;
  supplyMethod: SupplyMethod;
  deliveryMethod: DeliveryMethod | null;
  fulfilledBy: string | null;
  addressId: string | null;
  notes: string | null;
  currency: string;
  lines: OrderLine[];
  totals: Totals;
  walletFunds: { amount: string; transactionId: string } | null;
  amountToCollect: string;
  payments: Payment[];
  queueId: string;
  stage: { id: string; name: string };
  state: OrderStateName;
  isFavorite: boolean;
  cancellationReasonId: string | null;
  refund: { amount: string; transactionId: string } | null;
  submittedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

/** What a decider returns: event types with their data (a distributive Pick, one member per event type). */
export type OrderChange = OrderEvent extends infer E ? (E extends OrderEvent ? Pick<E, 'type' | 'data'> : never) : never;

/** Applies one event to the state (pure; the read-side projection applies the same rules to its view). */
export function evolveOrder(state: OrderState | null, event: OrderChange, meta: { version: number; at: Date }): OrderState {
  if (event.type === 'order.placed') {
    const d = event.data;
    return {
      id: state?.id ?? '',
      version: meta.version,
      number: d.number,
      estimateId: d.estimateId,
      contactId: d.contactId,
      accountId: d.accountId,
      supplyMethod: d.supplyMethod,
      deliveryMethod: d.deliveryMethod,
      fulfilledBy: d.fulfilledBy,
      addressId: d.addressId,
      notes: d.notes,
      currency: d.currency,
      lines: d.lines,
      totals: d.totals,
      walletFunds: d.walletFunds,
      amountToCollect: d.amountToCollect,
      payments: d.payments,
      queueId: d.queueId,
      stage: d.stage,
      state: 'NEW',
      isFavorite: false,
      cancellationReasonId: null,
      refund: null,
      submittedAt: meta.at,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
      updatedAt: meta.at,
    };
  }
  if (!state) throw new Error(`${event.type} before order.placed`);
  const next = { ...state, version: meta.version, updatedAt: meta.at };
  switch (event.type) {
    case 'order.progressed':
      return {
        ...next,
        state: event.data.state,
        stage: event.data.stage,
        startedAt: event.data.state === 'IN_PROGRESS' ? (state.startedAt ?? meta.at) : state.startedAt,
        completedAt: event.data.state === 'COMPLETED' ? meta.at : state.completedAt,
      };
    case 'order.cancelled':
      return {
        ...next,
        state: 'CANCELLED',
        stage: event.data.stage,
        cancellationReasonId: event.data.cancellationReasonId,
        refund: event.data.refund,
        cancelledAt: meta.at,
      };
    case 'order.marked_favorite':
      return { ...next, isFavorite: true };
  }
}
