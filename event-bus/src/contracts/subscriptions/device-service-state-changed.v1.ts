import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { DEVICE_SERVICE_STATES } from './device-shapes';

export const DeviceServiceStateChangedV1 = defineEvent({
  type: 'device.service_state_changed',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A service of the subscription the device is assigned to was enabled or disabled on the device (NOTES §4.7: action ENABLE / DISABLE).',
  data: z.object({ serviceId: z.uuid(), state: z.enum(DEVICE_SERVICE_STATES) }),
});
export type DeviceServiceStateChangedV1 = EventOf<typeof DeviceServiceStateChangedV1>;
