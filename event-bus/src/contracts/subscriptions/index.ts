import { SubscriptionCreatedV1 } from './subscription-created.v1';
import { SubscriptionServiceAddedV1 } from './subscription-service-added.v1';
import { SubscriptionServiceStateChangedV1 } from './subscription-service-state-changed.v1';
import { SubscriptionTermsChangedV1 } from './subscription-terms-changed.v1';
import { SubscriptionActionScheduledV1 } from './subscription-action-scheduled.v1';
import { SubscriptionActionExecutedV1 } from './subscription-action-executed.v1';
import { SubscriptionActionRejectedV1 } from './subscription-action-rejected.v1';
import { SubscriptionActionCancelledV1 } from './subscription-action-cancelled.v1';
import type { EventOf } from '../define-event';

export * from './topics';
export * from './subscription-shapes';
export * from './subscription-created.v1';
export * from './subscription-service-added.v1';
export * from './subscription-service-state-changed.v1';
export * from './subscription-terms-changed.v1';
export * from './subscription-action-scheduled.v1';
export * from './subscription-action-executed.v1';
export * from './subscription-action-rejected.v1';
export * from './subscription-action-cancelled.v1';

/** Every subscriptions event contract (the platform's event registry collects each registered domain's `domainEvents`). */
export const domainEvents = [
  SubscriptionCreatedV1,
  SubscriptionServiceAddedV1,
  SubscriptionServiceStateChangedV1,
  SubscriptionTermsChangedV1,
  SubscriptionActionScheduledV1,
  SubscriptionActionExecutedV1,
  SubscriptionActionRejectedV1,
  SubscriptionActionCancelledV1,
] as const;

/** Every subscriptions event, as the union of its contracts' envelopes. */
export type SubscriptionEvent = EventOf<(typeof domainEvents)[number]>;
