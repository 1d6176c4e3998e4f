import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const ContactIdentityRegisteredV1 = defineEvent({
  type: 'contact_identity.registered',
  schemaVersion: 1,
  aggregateType: AGGREGATES.contactIdentity,
  topic: IDENTITY_TOPIC,
  description: 'A contact registered with the business through self-service; the contacts domain creates the contact with this id.',
  data: z.object({
    contactId: z.uuid(),
    provider: z.enum(s.IDENTITY_PROVIDERS),
    firstName: z.string().max(100).nullable(),
    lastName: z.string().max(100).nullable(),
    email: z.string().max(254).nullable(),
    phone: z.object({ countryCode: z.string().length(3), number: z.string().max(20) }).nullable(),
    smsOptOut: z.boolean(),
    emailOptOut: z.boolean(),
    languageCode: z.string().max(3).nullable(),
  }),
});
export type ContactIdentityRegisteredV1 = EventOf<typeof ContactIdentityRegisteredV1>;
