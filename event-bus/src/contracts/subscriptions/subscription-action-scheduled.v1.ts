import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { actionRequestSchema, isoDateTime } from './subscription-shapes';

export const SubscriptionActionScheduledV1 = defineEvent({
  type: 'subscription.action_scheduled',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A subscription action was scheduled (state SCHEDULED) for the given date; the scheduler executes or rejects it then.',
  data: z.object({ actionId: z.uuid(), request: actionRequestSchema, scheduledDate: isoDateTime, usedProposedDate: z.boolean() }),
});
export type SubscriptionActionScheduledV1 = EventOf<typeof SubscriptionActionScheduledV1>;
