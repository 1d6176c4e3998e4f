import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const ApplicationCreatedV1 = defineEvent({
  type: 'tenant.application_created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.tenant,
  topic: IDENTITY_TOPIC,
  description: 'An application of the tenant was created (with its public api_key).',
  data: z.object({ applicationId: z.uuid(), name: s.name(100) }),
});
export type ApplicationCreatedV1 = EventOf<typeof ApplicationCreatedV1>;
