import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const UserPasswordChangedV1 = defineEvent({
  type: 'user.password_changed',
  schemaVersion: 1,
  aggregateType: AGGREGATES.user,
  topic: IDENTITY_TOPIC,
  description: "A user's password changed (by reset, by the user or by an admin); all their sessions end.",
  data: z.object({ via: z.enum(['RESET', 'CHANGE', 'ADMIN']) }),
});
export type UserPasswordChangedV1 = EventOf<typeof UserPasswordChangedV1>;
