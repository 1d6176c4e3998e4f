import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { CONTACTS_TOPIC } from '../topics';
import { COMMUNITY_RELATIONSHIP_AGGREGATE } from './shapes';

export const CommunityPersonRemovedV1 = defineEvent({
  type: 'community.person_removed',
  schemaVersion: 1,
  aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'The relationship ended: the owner removed the person (OWNER) or the member left the community (MEMBER).',
  data: z.object({ by: z.enum(['OWNER', 'MEMBER']) }),
});
export type CommunityPersonRemovedV1 = EventOf<typeof CommunityPersonRemovedV1>;
