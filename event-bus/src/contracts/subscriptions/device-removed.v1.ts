import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';

export const DeviceRemovedV1 = defineEvent({
  type: 'device.removed',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A push registration was removed by its contact (the device no longer receives push messages).',
  data: z.object({}),
});
export type DeviceRemovedV1 = EventOf<typeof DeviceRemovedV1>;
