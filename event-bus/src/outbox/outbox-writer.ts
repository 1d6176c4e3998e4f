import type { EntityManager } from 'typeorm';
import { traceHeaders } from '@crm/platform/observability';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../contracts/define-event';

/**
 * The outbox rows of `events` as a `VALUES` list (columns `OUTBOX_COLUMNS`) with typed placeholders
 * starting at `$offset+1`, after validating each event against its contract: an invalid event
 * fails the command, it is never published. Each row keeps the command's W3C trace context
 * (`traceparent`), which the relay sends as a Kafka header so the projection joins the request's trace.
 */
export function outboxValues(registry: EventRegistry, events: EventEnvelope[], offset = 0): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows: string[] = [];
  const traceparent = traceHeaders().traceparent ?? null;
  for (const e of events) {
    registry.validate(e);
    const contract = registry.get(e.type, e.schemaVersion)!;
    const i = offset + params.length;
    rows.push(`($${i + 1}::uuid, $${i + 2}::text, $${i + 3}::text, $${i + 4}::jsonb, $${i + 5}::text)`);
    params.push(e.id, contract.topic, e.aggregateId, JSON.stringify(e), traceparent);
  }
  return { sql: `VALUES ${rows.join(', ')}`, params };
}

/** The outbox columns `outboxValues` fills, in order. */
export const OUTBOX_COLUMNS = 'event_id, topic, message_key, payload, traceparent';

/**
 * Appends events to the outbox inside the caller's transaction (the same one that saves the
 * aggregate), after validating each against its contract.
 */
export async function appendToOutbox(manager: EntityManager, registry: EventRegistry, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values = outboxValues(registry, events);
  await manager.query(`INSERT INTO outbox (${OUTBOX_COLUMNS}) ${values.sql}`, values.params);
}
