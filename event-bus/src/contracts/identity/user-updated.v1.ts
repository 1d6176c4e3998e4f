import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const UserUpdatedV1 = defineEvent({
  type: 'user.updated',
  schemaVersion: 1,
  aggregateType: AGGREGATES.user,
  topic: IDENTITY_TOPIC,
  description: 'Profile fields of a user changed (new values of changed fields only).',
  data: z.object({
    firstName: z.string().max(100).nullable().optional(),
    lastName: z.string().max(100).nullable().optional(),
    roleIds: z.array(z.uuid()).max(50).optional(),
    teamIds: z.array(z.uuid()).max(50).optional(),
  }),
});
export type UserUpdatedV1 = EventOf<typeof UserUpdatedV1>;
