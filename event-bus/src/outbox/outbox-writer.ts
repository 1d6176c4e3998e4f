import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../contracts/define-event';

/**
 * Appends events to the outbox inside the caller's transaction (the same one that saves the
 * aggregate), after validating each against its contract: an invalid event fails the command,
 * it is never published.
 */
export async function appendToOutbox(manager: EntityManager, registry: EventRegistry, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const e of events) {
    registry.validate(e);
    const contract = registry.get(e.type, e.schemaVersion)!;
    const i = values.length;
    rows.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}::jsonb)`);
    values.push(e.id, contract.topic, e.aggregateId, JSON.stringify(e));
  }
  await manager.query(`INSERT INTO outbox (event_id, topic, message_key, payload) VALUES ${rows.join(', ')}`, values);
}
