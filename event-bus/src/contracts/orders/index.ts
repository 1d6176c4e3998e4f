import { OrderCreatedV1 } from './order-created.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './order-created.v1';

/** Every orders event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [OrderCreatedV1] as const;

/** Every orders event, as the union of its contracts' envelopes. */
export type OrderEvent = EventOf<(typeof domainEvents)[number]>;
