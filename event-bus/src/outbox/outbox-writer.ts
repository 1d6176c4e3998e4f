import type { EntityManager } from 'typeorm';
import { traceHeaders } from '@crm/platform/observability';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../contracts/define-event';

/**
 * Appends events to the outbox inside the caller's transaction (the same one that saves the
 * aggregate), after validating each against its contract: an invalid event fails the command,
 * it is never published. Each row keeps the command's W3C trace context (`traceparent`), which
 * the relay sends as a Kafka header so the projection joins the request's trace.
 */
export async function appendToOutbox(manager: EntityManager, registry: EventRegistry, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows: string[] = [];
  const traceparent = traceHeaders().traceparent ?? null;
  for (const e of events) {
    registry.validate(e);
    const contract = registry.get(e.type, e.schemaVersion)!;
    const i = values.length;
    rows.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}::jsonb, $${i + 5})`);
    values.push(e.id, contract.topic, e.aggregateId, JSON.stringify(e), traceparent);
  }
  await manager.query(`INSERT INTO outbox (event_id, topic, message_key, payload, traceparent) VALUES ${rows.join(', ')}`, values);
}
