import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { opaqueId, PAYMENT_METHOD_TYPES } from './subscription-shapes';

export const SubscriptionCreatedV1 = defineEvent({
  type: 'subscription.created',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: "A contact's subscription was opened (its first services follow as subscription.service_added).",
  data: z.object({
    contactId: z.uuid(),
    accountId: opaqueId.nullable(),
    paymentMethodType: z.enum(PAYMENT_METHOD_TYPES).nullable(),
    billingDay: z.int().min(1).max(28),
  }),
});
export type SubscriptionCreatedV1 = EventOf<typeof SubscriptionCreatedV1>;
