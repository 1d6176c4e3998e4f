import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ACTIVITY_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const ActivityClosedV1 = defineEvent({
  type: 'activity.closed',
  schemaVersion: 1,
  aggregateType: ACTIVITY_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A pending activity was completed or cancelled (final).',
  data: z.object({ state: z.enum(['COMPLETED', 'CANCELLED']) }),
});
export type ActivityClosedV1 = EventOf<typeof ActivityClosedV1>;
