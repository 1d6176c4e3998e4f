import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const TeamCreatedV1 = defineEvent({
  type: 'team.created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.team,
  topic: IDENTITY_TOPIC,
  description: 'A team (a named group of back-office users) was created.',
  data: z.object({ name: s.name(100) }),
});
export type TeamCreatedV1 = EventOf<typeof TeamCreatedV1>;
