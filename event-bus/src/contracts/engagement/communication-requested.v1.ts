import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { COMMUNICATION_CHANNELS, COMMUNICATION_TRIGGERS, languageCode, uuid } from './shapes';

export const CommunicationRequestedV1 = defineEvent({
  type: 'communication.requested',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description:
    'A communication was rendered for a recipient (a contact and/or an address) on a channel; state PENDING until delivered, rejected or failed.',
  data: z.object({
    name: z.string().min(1).max(200),
    trigger: z.enum(COMMUNICATION_TRIGGERS),
    channel: z.enum(COMMUNICATION_CHANNELS),
    language: languageCode,
    contactId: uuid.nullable(),
    recipient: z.string().max(254).nullable(),
    sender: z.string().max(254).nullable(),
    subject: z.string().max(500).nullable(),
    content: z.string().min(1).max(20000),
  }),
});
export type CommunicationRequestedV1 = EventOf<typeof CommunicationRequestedV1>;
