import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { AGGREGATES, IDENTITY_TOPIC } from './topics';
import * as s from './shapes';

export const ApiKeyCreatedV1 = defineEvent({
  type: 'api_key.created',
  schemaVersion: 1,
  aggregateType: AGGREGATES.apiKey,
  topic: IDENTITY_TOPIC,
  description: 'An API key was created; only its prefix and last four characters are recorded.',
  data: z.object({
    applicationId: z.uuid(),
    kind: z.enum(s.API_KEY_KINDS),
    env: z.enum(s.API_KEY_ENVS),
    name: s.name(100),
    prefix: z.string().max(20),
    last4: z.string().length(4),
    roleId: z.uuid().nullable(),
    expiresAt: z.iso.datetime().nullable(),
  }),
});
export type ApiKeyCreatedV1 = EventOf<typeof ApiKeyCreatedV1>;
