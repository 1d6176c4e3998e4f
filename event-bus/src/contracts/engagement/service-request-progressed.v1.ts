import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestProgressedV1 = defineEvent({
  type: 'service_request.progressed',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description:
    'A service request moved to a stage of its queue: IN_PROGRESS at an open stage, CLOSED (with is_resolved) at a closing stage. The stage change, start of progress and closing of CRM.COM.',
  data: z.object({
    action: z.enum(['START_PROGRESS', 'PROGRESS']),
    state: z.enum(['IN_PROGRESS', 'CLOSED']),
    stageId: uuid,
    comment: z.string().max(2000).nullable(),
    closingComment: z.string().max(2000).nullable(),
    isResolved: z.boolean().nullable(),
  }),
});
export type ServiceRequestProgressedV1 = EventOf<typeof ServiceRequestProgressedV1>;
