import { WidgetCreatedV1 } from './widget-created.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './widget-created.v1';

/** Every widgets event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [WidgetCreatedV1] as const;

/** Every widgets event, as the union of its contracts' envelopes. */
export type WidgetEvent = EventOf<(typeof domainEvents)[number]>;
