import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { INTEGRATIONS_TOPIC } from '@crm/event-bus/contracts/integrations';
import { registry } from '@crm/event-bus';

/**
 * The topics whose business events webhooks deliver. A domain's events become subscribable by
 * adding its topic here (one line; and the topic to this service's `consumes` in services.json).
 * The integrations topic is among them so an endpoint can subscribe to `webhook_endpoint.disabled`.
 */
export const WEBHOOK_SOURCE_TOPICS: readonly string[] = [CONTACTS_TOPIC, IDENTITY_TOPIC, INTEGRATIONS_TOPIC];

/** The event types an endpoint may subscribe to: every contract published on a source topic. */
export function deliverableEventTypes(): Set<string> {
  return new Set(
    registry
      .all()
      .filter((c) => WEBHOOK_SOURCE_TOPICS.includes(c.topic))
      .map((c) => c.type),
  );
}
