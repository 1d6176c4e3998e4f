import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { FILE_ENTITY_TYPES, fileOwner } from './file-shapes';
import { FILE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const FileUploadedV1 = defineEvent({
  type: 'file.uploaded',
  schemaVersion: 1,
  aggregateType: FILE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A file was uploaded and stored (its bytes stay in the settings file store; the event carries only what describes them).',
  data: z.object({
    owner: fileOwner,
    entityType: z.enum(FILE_ENTITY_TYPES),
    name: z.string().min(1).max(255),
    contentType: z.string().min(1).max(255),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type FileUploadedV1 = EventOf<typeof FileUploadedV1>;
