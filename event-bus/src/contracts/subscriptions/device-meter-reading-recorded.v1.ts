import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { DEVICE_AGGREGATE, SUBSCRIPTIONS_TOPIC } from './topics';
import { decimalString, METER_READING_SUBMITTERS } from './device-shapes';
import { isoDateTime } from './subscription-shapes';

export const DeviceMeterReadingRecordedV1 = defineEvent({
  type: 'device.meter_reading_recorded',
  schemaVersion: 1,
  aggregateType: DEVICE_AGGREGATE,
  topic: SUBSCRIPTIONS_TOPIC,
  description: 'A meter reading of a physical device was submitted (an exact decimal string), for the period it covers.',
  data: z.object({
    readingId: z.uuid(),
    reading: decimalString,
    from: isoDateTime.nullable(),
    to: isoDateTime.nullable(),
    submittedBy: z.object({ type: z.enum(METER_READING_SUBMITTERS), id: z.string().min(1).max(128) }),
  }),
});
export type DeviceMeterReadingRecordedV1 = EventOf<typeof DeviceMeterReadingRecordedV1>;
