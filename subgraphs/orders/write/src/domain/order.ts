import type { OrderEvent } from '@crm/event-bus/contracts/orders';

/** Write-side state of one order aggregate. */
export interface OrderState {
  id: string;
  version: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a decider returns: event types with their data, before the envelope is added. */
export type OrderChange = Pick<OrderEvent, 'type' | 'data'>;

/** Applies one event to the state (pure; the read-side projection applies the same rule). */
export function evolve(state: OrderState | null, event: OrderChange, meta: { version: number; at: Date }): OrderState {
  switch (event.type) {
    case 'order.created':
      return { id: state?.id ?? '', name: event.data.name, version: meta.version, createdAt: meta.at, updatedAt: meta.at };
  }
}
