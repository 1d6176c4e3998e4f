import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';
import { addressSchema } from './contact-shapes';

export const ContactAddressUpdatedV1 = defineEvent({
  type: 'contact.address_updated',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'An address was replaced by the given one (same id).',
  data: z.object({ address: addressSchema }),
});
export type ContactAddressUpdatedV1 = EventOf<typeof ContactAddressUpdatedV1>;
