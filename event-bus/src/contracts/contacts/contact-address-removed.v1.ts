import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';

export const ContactAddressRemovedV1 = defineEvent({
  type: 'contact.address_removed',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'An address was removed from the contact.',
  data: z.object({ addressId: z.uuid() }),
});
export type ContactAddressRemovedV1 = EventOf<typeof ContactAddressRemovedV1>;
