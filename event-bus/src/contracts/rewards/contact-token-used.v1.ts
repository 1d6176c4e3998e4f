import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { CONTACT_TOKEN_AGGREGATE, REWARDS_TOPIC } from './topics';

export const ContactTokenUsedV1 = defineEvent({
  type: 'contact_token.used',
  schemaVersion: 1,
  aggregateType: CONTACT_TOKEN_AGGREGATE,
  topic: REWARDS_TOPIC,
  description: 'A contact token was used (once) by a purchase.',
  data: z.object({ purchaseId: z.string() }),
});
export type ContactTokenUsedV1 = EventOf<typeof ContactTokenUsedV1>;
