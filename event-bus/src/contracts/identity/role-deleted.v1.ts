import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const RoleDeletedV1 = defineEvent({
  type: 'role.deleted',
  schemaVersion: 1,
  aggregateType: AGGREGATES.role,
  topic: IDENTITY_TOPIC,
  description: 'A custom role was deleted.',
  data: z.object({}),
});
export type RoleDeletedV1 = EventOf<typeof RoleDeletedV1>;
