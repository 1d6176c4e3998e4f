import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const CommunicationAttemptFailedV1 = defineEvent({
  type: 'communication.attempt_failed',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A delivery attempt failed; another is due at `retryAt` (still PENDING).',
  data: z.object({ attempt: z.number().int().min(1), error: z.string().max(1000), retryAt: z.iso.datetime() }),
});
export type CommunicationAttemptFailedV1 = EventOf<typeof CommunicationAttemptFailedV1>;
