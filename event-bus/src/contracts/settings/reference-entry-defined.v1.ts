import { defineEvent, type EventOf } from '../define-event';
import { referenceEntryDefinition } from './reference-entry-shapes';
import { REFERENCE_ENTRY_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ReferenceEntryDefinedV1 = defineEvent({
  type: 'reference_entry.defined',
  schemaVersion: 1,
  aggregateType: REFERENCE_ENTRY_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description:
    'An entry was added to a reference list (tag, language, name-day rule, industry, sub-industry or business activity); the event carries the whole entry.',
  data: referenceEntryDefinition,
});
export type ReferenceEntryDefinedV1 = EventOf<typeof ReferenceEntryDefinedV1>;
