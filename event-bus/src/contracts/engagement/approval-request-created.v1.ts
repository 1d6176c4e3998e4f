import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { APPROVAL_REQUEST_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';
import { APPROVAL_ENTITY_TYPES, uuid } from './shapes';

export const ApprovalRequestCreatedV1 = defineEvent({
  type: 'approval_request.created',
  schemaVersion: 1,
  aggregateType: APPROVAL_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description:
    'An action waits for a contact’s approval (e.g. a community member’s order above its allowance); state PENDING until decided or `expiresAt`.',
  data: z.object({
    approverContactId: uuid,
    entityType: z.enum(APPROVAL_ENTITY_TYPES),
    entityId: z.string().min(1).max(100),
    reference: z.string().max(100).nullable(),
    requestedBy: z.object({ kind: z.string(), id: z.string().nullable() }),
    expiresAt: z.iso.datetime(),
  }),
});
export type ApprovalRequestCreatedV1 = EventOf<typeof ApprovalRequestCreatedV1>;
