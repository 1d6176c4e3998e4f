import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { PREFERENCE_TYPES } from './contact-profile-shapes';
import { CONTACT_PROFILE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ContactPreferenceSetV1 = defineEvent({
  type: 'contact_profile.preference_set',
  schemaVersion: 1,
  aggregateType: CONTACT_PROFILE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: "A contact's preferred organisation for ORDERS or REWARDS was set (replacing the previous one of that type).",
  data: z.object({ contactId: z.uuid(), id: z.uuid(), type: z.enum(PREFERENCE_TYPES), organisationId: z.uuid() }),
});
export type ContactPreferenceSetV1 = EventOf<typeof ContactPreferenceSetV1>;
