import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { subscribesTo } from '../domain/endpoint-rules';
import { enabledEndpoints } from '../persistence/webhook-store';
import type { DeliveryStore } from '../persistence/delivery-store';
import { WEBHOOK_SOURCE_TOPICS } from './sources';

export const DISPATCH_GROUP = 'integrations-write.webhooks';

/** The body every receiver gets (Standard Webhooks): `{type, timestamp, data}`, `data` being the entity the event is about, with its id. */
export function webhookPayload(event: EventEnvelope): string {
  const data = event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: { id: event.aggregateId, ...data } });
}

/**
 * Turns business events into delivery rows: for each event, one PENDING delivery per enabled
 * endpoint of its tenant that subscribes to its type and existed when it happened. Idempotent (one
 * row per endpoint and event id), so a redelivered event adds nothing; the offset is committed
 * after the rows are written, so a crash re-reads and never loses an event.
 */
export class WebhookDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: DeliveryStore,
    private readonly clock: () => Date,
    private readonly onEnqueued: () => void,
  ) {}

  async handle(event: EventEnvelope): Promise<number> {
    const at = new Date(event.occurredAt).getTime();
    const endpoints = (await enabledEndpoints(this.dataSource.manager, event.tenantId)).filter(
      (e) => subscribesTo(e.events, event.type) && e.createdAt.getTime() <= at && e.id !== event.aggregateId,
    );
    const added = await this.store.enqueue(
      this.dataSource.manager,
      event.tenantId,
      endpoints.map((e) => e.id),
      { id: event.id, type: event.type, payload: webhookPayload(event) },
      this.clock(),
    );
    if (added > 0) this.onEnqueued();
    return added;
  }

  subscribe(bus: EventBus, logger: Logger): Promise<Subscription> {
    return bus.subscribe({
      groupId: DISPATCH_GROUP,
      topics: [...WEBHOOK_SOURCE_TOPICS],
      handler: async (event) => {
        await this.handle(event);
      },
      logger,
    });
  }
}
