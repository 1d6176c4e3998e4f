import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestAssignedV1 = defineEvent({
  type: 'service_request.assigned',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A service request was assigned to a team and/or a user of identity (null clears that side).',
  data: z.object({ teamId: uuid.nullable(), userId: uuid.nullable() }),
});
export type ServiceRequestAssignedV1 = EventOf<typeof ServiceRequestAssignedV1>;
