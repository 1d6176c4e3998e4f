import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';

export const ContactUnregisteredV1 = defineEvent({
  type: 'contact.unregistered',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'The contact was unregistered (deleted) from the business; its code is free again.',
  data: z.object({ code: z.string().max(64) }),
});
export type ContactUnregisteredV1 = EventOf<typeof ContactUnregisteredV1>;
