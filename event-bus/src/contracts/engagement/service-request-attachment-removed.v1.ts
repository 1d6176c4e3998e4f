import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestAttachmentRemovedV1 = defineEvent({
  type: 'service_request.attachment_removed',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'An attachment was removed from a service request.',
  data: z.object({ attachmentId: uuid }),
});
export type ServiceRequestAttachmentRemovedV1 = EventOf<typeof ServiceRequestAttachmentRemovedV1>;
