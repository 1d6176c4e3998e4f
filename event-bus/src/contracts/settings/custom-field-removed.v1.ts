import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CUSTOM_FIELD_ENTITIES } from './custom-field-shapes';
import { CUSTOM_FIELD_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const CustomFieldRemovedV1 = defineEvent({
  type: 'custom_field.removed',
  schemaVersion: 1,
  aggregateType: CUSTOM_FIELD_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: 'A custom field definition was removed: records of the entity may no longer carry its key.',
  data: z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES), key: z.string().max(50) }),
});
export type CustomFieldRemovedV1 = EventOf<typeof CustomFieldRemovedV1>;
