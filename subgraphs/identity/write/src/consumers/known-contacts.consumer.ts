import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';

/**
 * Keeps `known_contacts` (which contact ids exist in which tenant) from the contacts domain's
 * events, so identity operations on a contact id given by a back-office caller can check the
 * contact belongs to the caller's tenant. Idempotent by aggregate version.
 */
export async function followContacts(dataSource: DataSource, bus: EventBus): Promise<Subscription> {
  await bus.ensureTopics([CONTACTS_TOPIC]);
  return bus.subscribe({
    groupId: 'identity-write.known-contacts',
    topics: [CONTACTS_TOPIC],
    handler: async (event: EventEnvelope) => {
      if (event.type !== 'contact.created' && event.type !== 'contact.unregistered') return;
      await dataSource.query(
        `INSERT INTO known_contacts (tenant_id, contact_id, active, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, contact_id) DO UPDATE SET active = EXCLUDED.active, version = EXCLUDED.version
         WHERE known_contacts.version < EXCLUDED.version`,
        [event.tenantId, event.aggregateId, event.type === 'contact.created', event.aggregateVersion],
      );
    },
  });
}

/** Waits briefly for a contact the caller just created to become known (events are asynchronous). */
export async function isKnownContact(dataSource: DataSource, tenantId: string, contactId: string, waitMs = 2000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const rows = (await dataSource.query(`SELECT active FROM known_contacts WHERE tenant_id = $1 AND contact_id = $2`, [tenantId, contactId])) as {
      active: boolean;
    }[];
    if (rows[0]) return rows[0].active;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, delay));
  }
}
