import { defineEvent, type EventOf } from '../define-event';
import { endpointSettings } from './shapes';
import { INTEGRATIONS_TOPIC, WEBHOOK_AGGREGATE } from './topics';

export const WebhookEndpointUpdatedV1 = defineEvent({
  type: 'webhook_endpoint.updated',
  schemaVersion: 1,
  aggregateType: WEBHOOK_AGGREGATE,
  topic: INTEGRATIONS_TOPIC,
  description: 'A webhook endpoint was changed (URL, event types, description or enabled); the data is its whole new settings.',
  data: endpointSettings,
});
export type WebhookEndpointUpdatedV1 = EventOf<typeof WebhookEndpointUpdatedV1>;
