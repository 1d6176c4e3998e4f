import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const OrganisationCreatedV1 = defineEvent({
  type: 'tenant.organisation_created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.tenant,
  topic: IDENTITY_TOPIC,
  description: 'An organisation (merchant or venue) was added to the tenant hierarchy.',
  data: z.object({ organisationId: z.uuid(), parentId: z.uuid().nullable(), type: z.enum(s.ORGANISATION_TYPES), name: s.name(200) }),
});
export type OrganisationCreatedV1 = EventOf<typeof OrganisationCreatedV1>;
