import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const ApiKeyRevokedV1 = defineEvent({
  type: 'api_key.revoked',
  schemaVersion: 1,
  aggregateType: AGGREGATES.apiKey,
  topic: IDENTITY_TOPIC,
  description: 'An API key was revoked and stops working at once.',
  data: z.object({ reason: z.string().max(200).nullable() }),
});
export type ApiKeyRevokedV1 = EventOf<typeof ApiKeyRevokedV1>;
