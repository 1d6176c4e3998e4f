import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ATTACHMENT_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const AttachmentAddedV1 = defineEvent({
  type: 'attachment.added',
  schemaVersion: 1,
  aggregateType: ATTACHMENT_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A stored file or a link was attached to a contact.',
  data: z.object({
    contactId: z.string().uuid(),
    file: z.object({ id: z.string().uuid(), name: z.string().max(255), contentType: z.string().max(255) }).nullable(),
    link: z.string().max(2000).nullable(),
    description: z.string().max(500).nullable(),
  }),
});
export type AttachmentAddedV1 = EventOf<typeof AttachmentAddedV1>;
