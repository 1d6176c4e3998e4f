import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import { organisationProfile } from './organisation-profile-shapes';

export const OrganisationProfileSetV1 = defineEvent({
  type: 'organisation.profile_set',
  schemaVersion: 1,
  aggregateType: AGGREGATES.organisationProfile,
  topic: IDENTITY_TOPIC,
  description:
    "An organisation's business-network profile was set or replaced (addresses with coordinates, contact info, opening hours, tags, industry, business activities); the event carries the whole of it. The aggregate id is the organisation's.",
  data: organisationProfile,
});
export type OrganisationProfileSetV1 = EventOf<typeof OrganisationProfileSetV1>;
