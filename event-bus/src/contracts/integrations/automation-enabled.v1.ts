import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AUTOMATION_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AutomationEnabledV1 = defineEvent({
  type: 'automation.enabled',
  schemaVersion: 1,
  aggregateType: AUTOMATION_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'An automation was enabled: matching events run its actions from now on.',
  data: z.object({}),
});
export type AutomationEnabledV1 = EventOf<typeof AutomationEnabledV1>;
