import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ACTIVITY_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { uuid } from './shapes';

export const ActivityUpdatedV1 = defineEvent({
  type: 'activity.updated',
  schemaVersion: 1,
  aggregateType: ACTIVITY_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'The name, description, owner or due date of a pending activity changed (the whole new values).',
  data: z.object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).nullable(),
    teamId: uuid.nullable(),
    userId: uuid.nullable(),
    dueAt: z.iso.datetime().nullable(),
  }),
});
export type ActivityUpdatedV1 = EventOf<typeof ActivityUpdatedV1>;
