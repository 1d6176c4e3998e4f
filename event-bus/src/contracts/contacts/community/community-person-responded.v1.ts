import { z } from 'zod';
import { defineEvent, type EventOf } from '../../define-event';
import { CONTACTS_TOPIC } from '../topics';
import { COMMUNITY_RELATIONSHIP_AGGREGATE } from './shapes';

export const CommunityPersonRespondedV1 = defineEvent({
  type: 'community.person_responded',
  schemaVersion: 1,
  aggregateType: COMMUNITY_RELATIONSHIP_AGGREGATE,
  topic: CONTACTS_TOPIC,
  description: 'The invited contact accepted (a member from now on) or rejected the invitation; answered once.',
  data: z.object({ state: z.enum(['ACCEPTED', 'REJECTED']) }),
});
export type CommunityPersonRespondedV1 = EventOf<typeof CommunityPersonRespondedV1>;
