import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { customFieldsSchema, DEVICE_KINDS, DEVICE_PLATFORMS, deviceText } from './device-shapes';

export const DeviceRegisteredV1 = defineEvent({
  type: 'device.registered',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description:
    "A contact's device was registered: a physical device (serial number, electronic id, product) or a push registration (platform, registration token, application).",
  data: z.object({
    contactId: z.uuid(),
    kind: z.enum(DEVICE_KINDS),
    serialNumber: deviceText(128).nullable(),
    electronicId: deviceText(128).nullable(),
    macAddress: deviceText(64).nullable(),
    productId: deviceText(64).nullable(),
    platform: z.enum(DEVICE_PLATFORMS).nullable(),
    registrationToken: deviceText(4096).nullable(),
    applicationId: deviceText(64).nullable(),
    customFields: customFieldsSchema,
  }),
});
export type DeviceRegisteredV1 = EventOf<typeof DeviceRegisteredV1>;
