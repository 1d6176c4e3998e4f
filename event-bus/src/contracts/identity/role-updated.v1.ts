import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const RoleUpdatedV1 = defineEvent({
  type: 'role.updated',
  schemaVersion: 1,
  aggregateType: AGGREGATES.role,
  topic: IDENTITY_TOPIC,
  description: 'A custom role changed its name or permissions.',
  data: z.object({ name: s.name(100).optional(), permissions: z.array(s.permissionName).max(200).optional() }),
});
export type RoleUpdatedV1 = EventOf<typeof RoleUpdatedV1>;
