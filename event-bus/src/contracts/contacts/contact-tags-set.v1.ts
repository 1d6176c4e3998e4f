import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';

export const ContactTagsSetV1 = defineEvent({
  type: 'contact.tags_set',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: "The contact's tags were replaced by the given set.",
  data: z.object({ tags: z.array(z.string().max(50)).max(50) }),
});
export type ContactTagsSetV1 = EventOf<typeof ContactTagsSetV1>;
