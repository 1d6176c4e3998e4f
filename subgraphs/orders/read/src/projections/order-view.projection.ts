import type { OrderEvent } from '@crm/event-bus/contracts/orders';

/** The read model of one order. */
export interface OrderView {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectOrder(
  _view: OrderView | null,
  event: Pick<OrderEvent, 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt'>,
): OrderView {
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'order.created':
      return { id: event.aggregateId, version: event.aggregateVersion, name: event.data.name, createdAt: at, updatedAt: at };
  }
}
