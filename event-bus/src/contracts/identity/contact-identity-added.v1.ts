import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const ContactIdentityAddedV1 = defineEvent({
  type: 'contact_identity.added',
  schemaVersion: 1,
  aggregateType: AGGREGATES.contactIdentity,
  topic: IDENTITY_TOPIC,
  description: 'Login credentials were added to a contact that already existed (e.g. created in the back office).',
  data: z.object({ contactId: z.uuid(), provider: z.enum(s.IDENTITY_PROVIDERS) }),
});
export type ContactIdentityAddedV1 = EventOf<typeof ContactIdentityAddedV1>;
