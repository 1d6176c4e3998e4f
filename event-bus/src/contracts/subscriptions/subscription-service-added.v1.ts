import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { SUBSCRIPTION_STATES, serviceSchema } from './subscription-shapes';

export const SubscriptionServiceAddedV1 = defineEvent({
  type: 'subscription.service_added',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A service joined the subscription (DRAFT, or EFFECTIVE with its trial and contract end), with the subscription state it leads to.',
  data: z.object({ service: serviceSchema, actionId: z.uuid(), subscriptionState: z.enum(SUBSCRIPTION_STATES) }),
});
export type SubscriptionServiceAddedV1 = EventOf<typeof SubscriptionServiceAddedV1>;
