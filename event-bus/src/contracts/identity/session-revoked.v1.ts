import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const SessionRevokedV1 = defineEvent({
  type: 'session.revoked',
  schemaVersion: 1,
  aggregateType: AGGREGATES.session,
  topic: IDENTITY_TOPIC,
  description: 'A session ended before its expiry: its refresh tokens stop working and the gateway refuses its access tokens.',
  data: z.object({ subjectKind: z.enum(s.SUBJECT_KINDS), subjectId: z.string().max(64), reason: z.enum(s.SESSION_REVOKE_REASONS) }),
});
export type SessionRevokedV1 = EventOf<typeof SessionRevokedV1>;
