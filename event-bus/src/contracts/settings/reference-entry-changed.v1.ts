import { defineEvent, type EventOf } from '../define-event';
import { referenceEntryDefinition } from './reference-entry-shapes';
import { REFERENCE_ENTRY_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ReferenceEntryChangedV1 = defineEvent({
  type: 'reference_entry.changed',
  schemaVersion: 1,
  aggregateType: REFERENCE_ENTRY_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A reference list entry changed (its kind stays); the event carries the whole new entry.',
  data: referenceEntryDefinition,
});
export type ReferenceEntryChangedV1 = EventOf<typeof ReferenceEntryChangedV1>;
