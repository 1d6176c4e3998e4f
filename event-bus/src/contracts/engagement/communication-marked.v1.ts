import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const CommunicationMarkedV1 = defineEvent({
  type: 'communication.marked',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The recipient marked the communication viewed and/or archived (the whole new flags).',
  data: z.object({ viewed: z.boolean(), archived: z.boolean() }),
});
export type CommunicationMarkedV1 = EventOf<typeof CommunicationMarkedV1>;
