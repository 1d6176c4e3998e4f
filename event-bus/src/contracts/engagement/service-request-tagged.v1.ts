import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';

export const ServiceRequestTaggedV1 = defineEvent({
  type: 'service_request.tagged',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The tags of a service request were replaced.',
  data: z.object({ tags: z.array(z.string().min(1).max(50)).max(50) }),
});
export type ServiceRequestTaggedV1 = EventOf<typeof ServiceRequestTaggedV1>;
