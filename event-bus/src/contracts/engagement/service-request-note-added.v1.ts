import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, SERVICE_REQUEST_AGGREGATE } from './topics';
import { uuid } from './shapes';

export const ServiceRequestNoteAddedV1 = defineEvent({
  type: 'service_request.note_added',
  schemaVersion: 1,
  aggregateType: SERVICE_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A note was added to a service request (by a back-office user or by the contact); pinned notes are listed first.',
  data: z.object({
    noteId: uuid,
    note: z.string().min(1).max(2000),
    pinned: z.boolean(),
    byKind: z.enum(['user', 'contact', 'service']),
    byId: z.string().max(128).nullable(),
  }),
});
export type ServiceRequestNoteAddedV1 = EventOf<typeof ServiceRequestNoteAddedV1>;
