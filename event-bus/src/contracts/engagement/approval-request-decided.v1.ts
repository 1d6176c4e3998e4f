import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { APPROVAL_REQUEST_AGGREGATE, ENGAGEMENT_TOPIC } from './topics';

export const ApprovalRequestDecidedV1 = defineEvent({
  type: 'approval_request.decided',
  schemaVersion: 1,
  aggregateType: APPROVAL_REQUEST_AGGREGATE,
  topic: ENGAGEMENT_TOPIC,
  description:
    'The approver decided, once (final): the waiting action proceeds (APPROVED) or is rejected (REJECTED). `via`: a signed link or the actions call.',
  data: z.object({
    state: z.enum(['APPROVED', 'REJECTED']),
    comments: z.string().max(1000).nullable(),
    via: z.enum(['LINK', 'ACTION']),
  }),
});
export type ApprovalRequestDecidedV1 = EventOf<typeof ApprovalRequestDecidedV1>;
