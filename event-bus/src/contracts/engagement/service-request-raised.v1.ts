import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { level, priority, uuid } from './shapes';

export const ServiceRequestRaisedV1 = defineEvent({
  type: 'service_request.raised',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A service request was raised for a contact in a queue: state NEW at the queue’s first stage, numbered per tenant.',
  data: z.object({
    number: z.string().min(1).max(20),
    contactId: uuid,
    queueId: uuid,
    stageId: uuid,
    description: z.string().min(1).max(2000),
    urgency: level,
    impact: level,
    priority,
    categoryIds: z.array(uuid).max(50),
    addressId: uuid.nullable(),
  }),
});
export type ServiceRequestRaisedV1 = EventOf<typeof ServiceRequestRaisedV1>;
