import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { COMMUNICATION_TEMPLATE_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { COMMUNICATION_CHANNELS, COMMUNICATION_TRIGGERS, languageCode } from './shapes';

export const CommunicationTemplateSetV1 = defineEvent({
  type: 'communication_template.set',
  schemaVersion: 1,
  aggregateType: COMMUNICATION_TEMPLATE_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description:
    'The template of a trigger, channel and language was set (the whole new subject and content; `{{variable}}` placeholders are filled at send time).',
  data: z.object({
    trigger: z.enum(COMMUNICATION_TRIGGERS),
    channel: z.enum(COMMUNICATION_CHANNELS),
    language: languageCode,
    name: z.string().min(1).max(200),
    subject: z.string().max(500).nullable(),
    content: z.string().min(1).max(20000),
  }),
});
export type CommunicationTemplateSetV1 = EventOf<typeof CommunicationTemplateSetV1>;
