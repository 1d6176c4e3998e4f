import { defineEvent, type EventOf } from '../define-event';
import { endpointSettings } from './shapes';
import { INTEGRATIONS_TOPIC, WEBHOOK_AGGREGATE } from './topics';

/** Never carries the signing secret: it is stored sealed on the write side only. */
export const WebhookEndpointCreatedV1 = defineEvent({
  type: 'webhook_endpoint.created',
  schemaVersion: 1,
  aggregateType: WEBHOOK_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'A webhook endpoint was registered. Its signing secret is stored sealed on the write side and is not part of the event.',
  data: endpointSettings,
});
export type WebhookEndpointCreatedV1 = EventOf<typeof WebhookEndpointCreatedV1>;
