import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { REFERENCE_KINDS } from './reference-entry-shapes';
import { REFERENCE_ENTRY_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ReferenceEntryRemovedV1 = defineEvent({
  type: 'reference_entry.removed',
  schemaVersion: 1,
  aggregateType: REFERENCE_ENTRY_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A reference list entry was removed.',
  data: z.object({ kind: z.enum(REFERENCE_KINDS), key: z.string().max(220) }),
});
export type ReferenceEntryRemovedV1 = EventOf<typeof ReferenceEntryRemovedV1>;
