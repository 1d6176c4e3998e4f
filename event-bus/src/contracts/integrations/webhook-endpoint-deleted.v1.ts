import { z } from 'zod';
import { defineEvent, type EventOf } from '../define-event';
import { INTEGRATIONS_TOPIC, WEBHOOK_AGGREGATE } from './topics';

export const WebhookEndpointDeletedV1 = defineEvent({
  type: 'webhook_endpoint.deleted',
  schemaVersion: 1,
  aggregateType: WEBHOOK_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'A webhook endpoint was deleted: nothing more is delivered to it.',
  data: z.object({}),
});
export type WebhookEndpointDeletedV1 = EventOf<typeof WebhookEndpointDeletedV1>;
