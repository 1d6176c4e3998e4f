import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const CommunicationFailedV1 = defineEvent({
  type: 'communication.failed',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The last delivery attempt failed (or the channel cannot deliver at all); state FAILED, final.',
  data: z.object({ attempt: z.number().int().min(0), error: z.string().max(1000) }),
});
export type CommunicationFailedV1 = EventOf<typeof CommunicationFailedV1>;
