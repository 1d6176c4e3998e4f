import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const TeamRenamedV1 = defineEvent({
  type: 'team.renamed',
  schemaVersion: 1,
  aggregateType: AGGREGATES.team,
  topic: IDENTITY_TOPIC,
  description: 'A team got a new name.',
  data: z.object({ name: s.name(100) }),
});
export type TeamRenamedV1 = EventOf<typeof TeamRenamedV1>;
