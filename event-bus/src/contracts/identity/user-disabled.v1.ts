import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const UserDisabledV1 = defineEvent({
  type: 'user.disabled',
  schemaVersion: 1,
  aggregateType: AGGREGATES.user,
  topic: IDENTITY_TOPIC,
  description: 'A user was disabled; all their sessions end.',
  data: z.object({}),
});
export type UserDisabledV1 = EventOf<typeof UserDisabledV1>;
