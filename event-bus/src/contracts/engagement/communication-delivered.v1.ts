import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const CommunicationDeliveredV1 = defineEvent({
  type: 'communication.delivered',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The channel accepted the communication (SMTP server, SMS gateway, or the contact’s in-app inbox); state COMPLETED.',
  data: z.object({ attempt: z.number().int().min(1), providerId: z.string().max(500).nullable() }),
});
export type CommunicationDeliveredV1 = EventOf<typeof CommunicationDeliveredV1>;
