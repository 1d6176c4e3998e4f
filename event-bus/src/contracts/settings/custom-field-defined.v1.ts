import { defineEvent, type EventOf } from '../define-event';
import { customFieldDefinition } from './custom-field-shapes';
import { CUSTOM_FIELD_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const CustomFieldDefinedV1 = defineEvent({
  type: 'custom_field.defined',
  schemaVersion: 1,
  aggregateType: CUSTOM_FIELD_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A custom field was defined for an entity: records of that entity may (or, when mandatory, must) carry it.',
  data: customFieldDefinition,
});
export type CustomFieldDefinedV1 = EventOf<typeof CustomFieldDefinedV1>;
