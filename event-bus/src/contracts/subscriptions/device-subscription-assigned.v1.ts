import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';

export const DeviceSubscriptionAssignedV1 = defineEvent({
  type: 'device.subscription_assigned',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: "A physical device was assigned to one of its contact's subscriptions (its services may then be enabled on it).",
  data: z.object({ subscriptionId: z.uuid() }),
});
export type DeviceSubscriptionAssignedV1 = EventOf<typeof DeviceSubscriptionAssignedV1>;
