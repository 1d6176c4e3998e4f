import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../contracts/define-event';

/**
 * The outbox rows of `events` as a `VALUES` list with typed placeholders starting at `$offset+1`,
 * after validating each event against its contract: an invalid event fails the command, it is
 * never published.
 */
export function outboxValues(registry: EventRegistry, events: EventEnvelope[], offset = 0): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const e of events) {
    registry.validate(e);
    const contract = registry.get(e.type, e.schemaVersion)!;
    const i = offset + params.length;
    rows.push(`($${i + 1}::uuid, $${i + 2}::text, $${i + 3}::text, $${i + 4}::jsonb)`);
    params.push(e.id, contract.topic, e.aggregateId, JSON.stringify(e));
  }
  return { sql: `VALUES ${rows.join(', ')}`, params };
}

/**
 * Appends events to the outbox inside the caller's transaction (the same one that saves the
 * aggregate), after validating each against its contract.
 */
export async function appendToOutbox(manager: EntityManager, registry: EventRegistry, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values = outboxValues(registry, events);
  await manager.query(`INSERT INTO outbox (event_id, topic, message_key, payload) ${values.sql}`, values.params);
}
