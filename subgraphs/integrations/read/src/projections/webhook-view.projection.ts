import type { WebhookEvent } from '@crm/event-bus/contracts/integrations';

/** The read model of one webhook endpoint (never its secrets). */
export interface WebhookView {
  id: string;
  version: number;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  /** Why the platform disabled it (GONE, FAILING); null when enabled or disabled by the tenant. */
  disabledReason: string | null;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Fields = 'type' | 'data' | 'aggregateId' | 'aggregateVersion' | 'occurredAt';
/** The parts of an event the projection reads, one member per event type (so `type` narrows `data`). */
export type ProjectedEvent = WebhookEvent extends infer E ? (E extends WebhookEvent ? Pick<E, Fields> : never) : never;

/**
 * Folds one event into the view (pure). The projector engine hands events in aggregate-version
 * order and skips redeliveries; this function only knows how each event changes the view.
 */
export function projectWebhook(view: WebhookView | null, event: ProjectedEvent): WebhookView {
  const at = new Date(event.occurredAt);
  const base: WebhookView = view ?? {
    id: event.aggregateId,
    version: 0,
    url: '',
    events: [],
    description: null,
    enabled: false,
    disabledReason: null,
    deleted: false,
    createdAt: at,
    updatedAt: at,
  };
  const next = { ...base, version: event.aggregateVersion, updatedAt: at };
  switch (event.type) {
    case 'webhook_endpoint.created':
      return { ...next, ...event.data, createdAt: at };
    case 'webhook_endpoint.updated':
      return { ...next, ...event.data, disabledReason: event.data.enabled ? null : base.disabledReason };
    case 'webhook_endpoint.deleted':
      return { ...next, enabled: false, deleted: true };
    case 'webhook_endpoint.secret_rotated':
      return next;
    case 'webhook_endpoint.disabled':
      return { ...next, enabled: false, disabledReason: event.data.reason };
  }
}
