import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { ENGAGEMENT_TOPIC, QUEUE_AGGREGATE } from './topics';
import { level, queueCategory, queueStage } from './shapes';

export const QueueCreatedV1 = defineEvent({
  type: 'queue.created',
  schemaVersion: 1,
  aggregateType: QUEUE_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description: 'A service request queue was created with its ordered stages (one or more closing), categories and default urgency/impact.',
  data: z.object({
    name: z.string().min(1).max(100),
    stages: z.array(queueStage).min(2).max(20),
    categories: z.array(queueCategory).max(50),
    defaultUrgency: level,
    defaultImpact: level,
  }),
});
export type QueueCreatedV1 = EventOf<typeof QueueCreatedV1>;
