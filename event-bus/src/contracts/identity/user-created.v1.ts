import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const UserCreatedV1 = defineEvent({
  type: 'user.created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.user,
  topic: IDENTITY_TOPIC,
  description: 'A back-office user was created.',
  data: z.object({
    email: z.string().max(254),
    firstName: z.string().max(100).nullable(),
    lastName: z.string().max(100).nullable(),
    roleIds: z.array(z.uuid()).max(50),
    teamIds: z.array(z.uuid()).max(50),
  }),
});
export type UserCreatedV1 = EventOf<typeof UserCreatedV1>;
