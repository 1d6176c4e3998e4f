import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ACTIVITY_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { uuid } from './shapes';

export const ActivityCreatedV1 = defineEvent({
  type: 'activity.created',
  schemaVersion: 1,
  aggregateType: ACTIVITY_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A task was created for a contact (optionally on one of its service requests), owned by a team and/or a user; state PENDING.',
  data: z.object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).nullable(),
    contactId: uuid,
    serviceRequestId: uuid.nullable(),
    teamId: uuid.nullable(),
    userId: uuid.nullable(),
    dueAt: z.iso.datetime().nullable(),
  }),
});
export type ActivityCreatedV1 = EventOf<typeof ActivityCreatedV1>;
