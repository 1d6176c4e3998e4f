import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { contactImageFile } from './contact-profile-shapes';
import { CONTACT_PROFILE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ContactImageSetV1 = defineEvent({
  type: 'contact_profile.image_set',
  schemaVersion: 1,
  aggregateType: CONTACT_PROFILE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: "A contact's profile image was set (a stored image file of the contact); the previous one, if any, is named.",
  data: z.object({ contactId: z.uuid(), file: contactImageFile, previousFileId: z.uuid().nullable() }),
});
export type ContactImageSetV1 = EventOf<typeof ContactImageSetV1>;
