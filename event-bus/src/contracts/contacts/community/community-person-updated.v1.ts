import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { CONTACTS_TOPIC } from '../topics';
import { COMMUNITY_RELATIONSHIP_AGGREGATE, memberSettings, relationRef } from './shapes';

export const CommunityPersonUpdatedV1 = defineEvent({
  type: 'community.person_updated',
  schemaVersion: 1,
  aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: "The owner changed a member's relation, group or grants (the whole set, as it now is); a group rename is one such change per member.",
  data: z.object({ relation: relationRef.nullable(), group: z.string().min(1).max(100).nullable(), settings: memberSettings }),
});
export type CommunityPersonUpdatedV1 = EventOf<typeof CommunityPersonUpdatedV1>;
