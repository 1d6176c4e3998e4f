import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { SUBSCRIPTION_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { opaqueId, PAYMENT_METHOD_TYPES } from './subscription-shapes';

export const SubscriptionTermsChangedV1 = defineEvent({
  type: 'subscription.terms_changed',
  schemaVersion: 1,
  aggregateType: SUBSCRIPTION_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: "The subscription's billing day or payment method changed (the full new terms).",
  data: z.object({
    billingDay: z.int().min(1).max(28),
    paymentMethodType: z.enum(PAYMENT_METHOD_TYPES).nullable(),
    paymentMethodId: opaqueId.nullable(),
    actionId: z.uuid(),
  }),
});
export type SubscriptionTermsChangedV1 = EventOf<typeof SubscriptionTermsChangedV1>;
