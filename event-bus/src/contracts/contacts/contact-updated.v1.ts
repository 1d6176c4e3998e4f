import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';
import { contactProfileSchema } from './contact-shapes';

export const ContactUpdatedV1 = defineEvent({
  type: 'contact.updated',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'Profile fields of a contact changed; `data` holds the new value of each changed field only.',
  data: contactProfileSchema.partial().refine((d) => Object.keys(d).length > 0, 'at least one changed field'),
});
export type ContactUpdatedV1 = EventOf<typeof ContactUpdatedV1>;
