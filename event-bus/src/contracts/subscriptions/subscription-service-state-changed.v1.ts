import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { isoDateTime, SERVICE_ACTIONS, SERVICE_STATES, SUBSCRIPTION_STATES } from './subscription-shapes';

export const SubscriptionServiceStateChangedV1 = defineEvent({
  type: 'subscription.service_state_changed',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A service moved from one state to another by an action, with the subscription state it leads to (NOTES §4.7).',
  data: z.object({
    serviceId: z.uuid(),
    action: z.enum(SERVICE_ACTIONS),
    from: z.enum(SERVICE_STATES),
    to: z.enum(SERVICE_STATES),
    actionId: z.uuid(),
    /** Set when the service became EFFECTIVE for the first time. */
    firstEffectiveAt: isoDateTime.nullable(),
    subscriptionState: z.enum(SUBSCRIPTION_STATES),
  }),
});
export type SubscriptionServiceStateChangedV1 = EventOf<typeof SubscriptionServiceStateChangedV1>;
