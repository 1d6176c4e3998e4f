import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const ContactIdentityVerifiedV1 = defineEvent({
  type: 'contact_identity.verified',
  schemaVersion: 1,
  aggregateType: AGGREGATES.contactIdentity,
  topic: IDENTITY_TOPIC,
  description: 'An identity (email or phone) of a contact was proven (OTP or link).',
  data: z.object({ contactId: z.uuid(), provider: z.enum(s.IDENTITY_PROVIDERS) }),
});
export type ContactIdentityVerifiedV1 = EventOf<typeof ContactIdentityVerifiedV1>;
