import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const TeamDeletedV1 = defineEvent({
  type: 'team.deleted',
  schemaVersion: 1,
  aggregateType: AGGREGATES.team,
  topic: IDENTITY_TOPIC,
  description: 'A team without members was deleted.',
  data: z.object({}),
});
export type TeamDeletedV1 = EventOf<typeof TeamDeletedV1>;
