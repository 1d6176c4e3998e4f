import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { INTEGRATIONS_TOPIC, WEBHOOK_AGGREGATE } from './topics';

export const WebhookEndpointSecretRotatedV1 = defineEvent({
  type: 'webhook_endpoint.secret_rotated',
  schemaVersion: 1,
  aggregateType: WEBHOOK_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description:
    'A webhook endpoint got a new signing secret; deliveries carry signatures by the new and the previous secret until `previousSecretExpiresAt`. Neither secret is part of the event.',
  data: z.object({ previousSecretExpiresAt: z.iso.datetime() }),
});
export type WebhookEndpointSecretRotatedV1 = EventOf<typeof WebhookEndpointSecretRotatedV1>;
