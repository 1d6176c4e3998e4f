import { defineEvent, type EventOf } from '../define-event';
import { automationSettings } from './shapes';
import { AUTOMATION_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AutomationCreatedV1 = defineEvent({
  type: 'automation.created',
  schemaVersion: 1,
  aggregateType: AUTOMATION_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'An automation was created; the data is its settings (event, conditions, ordered actions, enabled).',
  data: automationSettings,
});
export type AutomationCreatedV1 = EventOf<typeof AutomationCreatedV1>;
