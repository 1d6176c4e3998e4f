import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { customFieldsSchema } from './device-shapes';

export const DeviceUpdatedV1 = defineEvent({
  type: 'device.updated',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: "A device's custom fields were replaced (the full new list).",
  data: z.object({ customFields: customFieldsSchema }),
});
export type DeviceUpdatedV1 = EventOf<typeof DeviceUpdatedV1>;
