import type { OrderEvent } from '@crm/event-bus/contracts/orders';

type Placed = Extract<OrderEvent, { type: 'order.placed' }>['data'];

/** The read model of one order: what it was placed with, where it is in its queue, its key dates. */
export interface OrderView extends Omit<Placed, 'estimateId'> {
  id: string;
  version: number;
  estimateId: string;
  state: 'NEW' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' | 'ON_HOLD';
  isFavorite: boolean;
  cancellationReasonId: string | null;
  refund: { amount: string; transactionId: string } | null;
  submittedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  updatedAt: string;
}

type Applied = OrderEvent extends infer E
  ? E extends OrderEvent
    ? Pick<E, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>
    : never
  : never;

/**
 * Folds one order event into the view (pure). The projector engine hands events in
 * aggregate-version order and skips redeliveries; this function only knows what each event changes.
 */
export function projectOrder(view: OrderView | null, event: Applied): OrderView {
  const at = event.occurredAt;
  if (event.type === 'order.placed') {
    return {
      ...event.data,
      id: event.aggregateId,
      version: event.aggregateVersion,
      state: 'NEW',
      isFavorite: false,
      cancellationReasonId: null,
      refund: null,
      submittedAt: at,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
      updatedAt: at,
    };
  }
  if (!view) throw new Error(`${event.type} of order ${event.aggregateId} before order.placed`);
  const next = { ...view, version: event.aggregateVersion, updatedAt: at };
  switch (event.type) {
    case 'order.progressed':
      return {
        ...next,
        state: event.data.state,
        stage: event.data.stage,
        startedAt: event.data.state === 'IN_PROGRESS' ? (view.startedAt ?? at) : view.startedAt,
        completedAt: event.data.state === 'COMPLETED' ? at : view.completedAt,
      };
    case 'order.cancelled':
      return {
        ...next,
        state: 'CANCELLED',
        stage: event.data.stage,
        cancellationReasonId: event.data.cancellationReasonId,
        refund: event.data.refund,
        cancelledAt: at,
      };
    case 'order.marked_favorite':
      return { ...next, isFavorite: true };
  }
}
