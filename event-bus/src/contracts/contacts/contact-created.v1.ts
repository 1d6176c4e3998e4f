import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_AGGREGATE, CONTACTS_TOPIC } from './topics';
import { addressSchema, contactProfileSchema, CONTACT_TYPES } from './contact-shapes';

export const ContactCreatedV1 = defineEvent({
  type: 'contact.created',
  schemaVersion: 1,
  aggregateType: CONTACT_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'A contact was created (registered with the business), with its full initial state.',
  data: contactProfileSchema.extend({
    code: z.string().min(1).max(64),
    type: z.enum(CONTACT_TYPES),
    referralCode: z.string().max(32),
    addresses: z.array(addressSchema).max(20),
    tags: z.array(z.string().max(50)).max(50),
  }),
});
export type ContactCreatedV1 = EventOf<typeof ContactCreatedV1>;
