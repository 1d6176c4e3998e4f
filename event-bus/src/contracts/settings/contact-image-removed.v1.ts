import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_PROFILE_AGGREGATE, SETTINGS_TOPIC } from './topics';

export const ContactImageRemovedV1 = defineEvent({
  type: 'contact_profile.image_removed',
  schemaVersion: 1,
  aggregateType: CONTACT_PROFILE_AGGREGATE,
  topic: SETTINGS_TOPIC,
  description: "A contact's profile image was removed (the file it was is named).",
  data: z.object({ contactId: z.uuid(), fileId: z.uuid() }),
});
export type ContactImageRemovedV1 = EventOf<typeof ContactImageRemovedV1>;
