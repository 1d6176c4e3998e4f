import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_TOKEN_AGGREGATE, REWARDS_TOPIC } from './topics';
import { decimalString, TOKEN_INTENTS } from './rewards-shapes';

export const ContactTokenIssuedV1 = defineEvent({
  type: 'contact_token.issued',
  schemaVersion: 1,
  aggregateType: CONTACT_TOKEN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact asked for a short-lived token identifying it at the till (only the SHA-256 of its 6-digit value is kept).',
  data: z.object({
    contactId: z.string(),
    intent: z.enum(TOKEN_INTENTS),
    spendAmount: decimalString.nullable(),
    valueHash: z.string(),
    expiresAt: z.string(),
  }),
});
export type ContactTokenIssuedV1 = EventOf<typeof ContactTokenIssuedV1>;
