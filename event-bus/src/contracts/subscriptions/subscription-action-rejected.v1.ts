import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';

export const SubscriptionActionRejectedV1 = defineEvent({
  type: 'subscription.action_rejected',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A scheduled subscription action came due but was no longer allowed (the reason is the refusal the decider gave).',
  data: z.object({ actionId: z.uuid(), reason: z.string().min(1).max(64) }),
});
export type SubscriptionActionRejectedV1 = EventOf<typeof SubscriptionActionRejectedV1>;
