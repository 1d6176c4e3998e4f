import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const RoleCreatedV1 = defineEvent({
  type: 'role.created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.role,
  topic: IDENTITY_TOPIC,
  description: 'A role was created (built-in roles are created with the tenant).',
  data: z.object({ name: s.name(100), permissions: z.array(s.permissionName).max(200), builtIn: z.boolean() }),
});
export type RoleCreatedV1 = EventOf<typeof RoleCreatedV1>;
