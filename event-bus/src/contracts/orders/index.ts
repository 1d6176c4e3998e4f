import { OrderCancelledV1, OrderMarkedFavoriteV1, OrderPlacedV1, OrderProgressedV1 } from './order-events.v1';
import { OrderEstimateCreatedV1, OrderEstimateOrderedV1 } from './order-estimate-events.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './order-shapes';
export * from './order-events.v1';
export * from './order-estimate-events.v1';

const orderEvents = [OrderPlacedV1, OrderProgressedV1, OrderCancelledV1, OrderMarkedFavoriteV1] as const;
const estimateEvents = [OrderEstimateCreatedV1, OrderEstimateOrderedV1] as const;

/** Every orders event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [...orderEvents, ...estimateEvents] as const;

export type OrderEvent = EventOf<(typeof orderEvents)[number]>;
export type OrderEstimateEvent = EventOf<(typeof estimateEvents)[number]>;
/** Every orders event, as the union of its contracts' envelopes. */
export type OrdersEvent = OrderEvent | OrderEstimateEvent;
