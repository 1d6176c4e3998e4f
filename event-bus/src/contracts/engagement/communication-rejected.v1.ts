import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { REJECTION_REASONS } from './shapes';

export const CommunicationRejectedV1 = defineEvent({
  type: 'communication.rejected',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The communication is not sent: the contact opted out of the channel or has no address on it; state REJECTED, final.',
  data: z.object({ reason: z.enum(REJECTION_REASONS) }),
});
export type CommunicationRejectedV1 = EventOf<typeof CommunicationRejectedV1>;
