import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { CONTACTS_TOPIC } from '../topics';
import { COMMUNITY_RELATIONSHIP_AGGREGATE, memberSettings, relationRef } from './shapes';

export const CommunityPersonInvitedV1 = defineEvent({
  type: 'community.person_invited',
  schemaVersion: 1,
  aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description:
    "An owner invited a contact (found by phone or email) into their community with a relation, a group and the member's grants; state PENDING.",
  data: z.object({
    ownerId: z.uuid(),
    memberId: z.uuid(),
    relation: relationRef.nullable(),
    group: z.string().min(1).max(100).nullable(),
    settings: memberSettings,
  }),
});
export type CommunityPersonInvitedV1 = EventOf<typeof CommunityPersonInvitedV1>;
