import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const OrganisationProfileClosedV1 = defineEvent({
  type: 'organisation.profile_closed',
  schemaVersion: 1,
  aggregateType: AGGREGATES.organisationProfile,
  topic: IDENTITY_TOPIC,
  description: 'An organisation left the business network: it is no longer listed, located or shown to contacts (it stays in the hierarchy).',
  data: z.object({}),
});
export type OrganisationProfileClosedV1 = EventOf<typeof OrganisationProfileClosedV1>;
