import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AUTOMATION_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AutomationDisabledV1 = defineEvent({
  type: 'automation.disabled',
  schemaVersion: 1,
  aggregateType: AUTOMATION_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'An automation was disabled: events no longer run it.',
  data: z.object({}),
});
export type AutomationDisabledV1 = EventOf<typeof AutomationDisabledV1>;
