import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ATTACHMENT_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const AttachmentRemovedV1 = defineEvent({
  type: 'attachment.removed',
  schemaVersion: 1,
  aggregateType: ATTACHMENT_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'An attachment was removed from its contact (the file itself stays until deleted).',
  data: z.object({}),
});
export type AttachmentRemovedV1 = EventOf<typeof AttachmentRemovedV1>;
