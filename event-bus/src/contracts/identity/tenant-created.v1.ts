import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const TenantCreatedV1 = defineEvent({
  type: 'tenant.created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.tenant,
  topic: IDENTITY_TOPIC,
  description: 'A tenant (business) was created with its root organisation.',
  data: z.object({ name: s.name(200) }),
});
export type TenantCreatedV1 = EventOf<typeof TenantCreatedV1>;
