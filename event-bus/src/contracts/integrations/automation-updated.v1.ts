import { defineEvent, type EventOf } from '../define-event';
import { automationSettings } from './shapes';
import { AUTOMATION_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AutomationUpdatedV1 = defineEvent({
  type: 'automation.updated',
  schemaVersion: 1,
  aggregateType: AUTOMATION_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'An automation was changed; the data is its whole new settings.',
  data: automationSettings,
});
export type AutomationUpdatedV1 = EventOf<typeof AutomationUpdatedV1>;
