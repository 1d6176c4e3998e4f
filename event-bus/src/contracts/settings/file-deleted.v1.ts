import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { FILE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const FileDeletedV1 = defineEvent({
  type: 'file.deleted',
  schemaVersion: 1,
  aggregateType: FILE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A file was deleted (its bytes are gone from the file store).',
  data: z.object({}),
});
export type FileDeletedV1 = EventOf<typeof FileDeletedV1>;
