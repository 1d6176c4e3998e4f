import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { INTEGRATIONS_TOPIC, WEBHOOK_AGGREGATE } from './topics';

export const DISABLE_REASONS = ['GONE', 'FAILING'] as const;

export const WebhookEndpointDisabledV1 = defineEvent({
  type: 'webhook_endpoint.disabled',
  schemaVersion: 1,
  aggregateType: WEBHOOK_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description:
    'The platform disabled a webhook endpoint: it answered 410 Gone (`GONE`), or its deliveries kept failing for the whole retry schedule, about three days (`FAILING`). Enable it again with an update.',
  data: z.object({ reason: z.enum(DISABLE_REASONS), lastStatus: z.number().int().nullable() }),
});
export type WebhookEndpointDisabledV1 = EventOf<typeof WebhookEndpointDisabledV1>;
