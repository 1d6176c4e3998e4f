import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';
import { addressSchema } from './contact-shapes';

export const ContactAddressAddedV1 = defineEvent({
  type: 'contact.address_added',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'An address was added.',
  data: z.object({ address: addressSchema }),
});
export type ContactAddressAddedV1 = EventOf<typeof ContactAddressAddedV1>;
