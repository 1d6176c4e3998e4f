import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestAttachmentAddedV1 = defineEvent({
  type: 'service_request.attachment_added',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A file (by file id) or a link was attached to a service request.',
  data: z.object({
    attachmentId: uuid,
    fileId: z.string().min(1).max(128).nullable(),
    link: z.string().min(1).max(2000).nullable(),
    description: z.string().max(500).nullable(),
  }),
});
export type ServiceRequestAttachmentAddedV1 = EventOf<typeof ServiceRequestAttachmentAddedV1>;
