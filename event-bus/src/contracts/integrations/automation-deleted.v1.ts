import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AUTOMATION_AGGREGATE, INTEGRATIONS_TOPIC } from './topics';

export const AutomationDeletedV1 = defineEvent({
  type: 'automation.deleted',
  schemaVersion: 1,
  aggregateType: AUTOMATION_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'An automation was deleted: it runs no more.',
  data: z.object({}),
});
export type AutomationDeletedV1 = EventOf<typeof AutomationDeletedV1>;
