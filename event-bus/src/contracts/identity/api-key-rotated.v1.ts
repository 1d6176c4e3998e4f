import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';

export const ApiKeyRotatedV1 = defineEvent({
  type: 'api_key.rotated',
  schemaVersion: 1,
  aggregateType: AGGREGATES.apiKey,
  topic: IDENTITY_TOPIC,
  description: 'A key was rolled: the old key keeps working until oldKeyExpiresAt, the new key replaces it.',
  data: z.object({ replacedById: z.uuid(), oldKeyExpiresAt: z.iso.datetime() }),
});
export type ApiKeyRotatedV1 = EventOf<typeof ApiKeyRotatedV1>;
