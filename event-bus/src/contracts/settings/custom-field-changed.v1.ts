import { defineEvent, type EventOf } from '../define-event';
import { customFieldDefinition } from './custom-field-shapes';
import { CUSTOM_FIELD_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const CustomFieldChangedV1 = defineEvent({
  type: 'custom_field.changed',
  schemaVersion: 1,
  aggregateType: CUSTOM_FIELD_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A custom field definition changed (label, options, mandatory, tooltip, visibility); the event carries the whole new definition.',
  data: customFieldDefinition,
});
export type CustomFieldChangedV1 = EventOf<typeof CustomFieldChangedV1>;
