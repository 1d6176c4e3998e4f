import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';

export const SubscriptionActionCancelledV1 = defineEvent({
  type: 'subscription.action_cancelled',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A scheduled subscription action was revoked before it came due (state CANCELLED).',
  data: z.object({ actionId: z.uuid() }),
});
export type SubscriptionActionCancelledV1 = EventOf<typeof SubscriptionActionCancelledV1>;
