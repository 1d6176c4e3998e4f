import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { actionRequestSchema } from './subscription-shapes';

export const SubscriptionActionExecutedV1 = defineEvent({
  type: 'subscription.action_executed',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A subscription action was executed (immediately, or a scheduled one when due); the state changes it made follow in the same batch.',
  data: z.object({ actionId: z.uuid(), request: actionRequestSchema, scheduled: z.boolean() }),
});
export type SubscriptionActionExecutedV1 = EventOf<typeof SubscriptionActionExecutedV1>;
