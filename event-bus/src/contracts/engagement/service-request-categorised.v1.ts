import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestCategorisedV1 = defineEvent({
  type: 'service_request.categorised',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The categories of a service request were replaced (categories of its queue).',
  data: z.object({ categoryIds: z.array(uuid).max(50) }),
});
export type ServiceRequestCategorisedV1 = EventOf<typeof ServiceRequestCategorisedV1>;
