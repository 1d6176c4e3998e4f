import type { DataSource } from 'typeorm';
import type { EventBus, EventEnvelope, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';

/**
 * Which contacts exist in which tenant, from the contacts domain's events (`engagement_contacts`):
 * a service request or an activity may only name a contact of the caller's tenant, and this side
 * cannot ask the contacts domain. Idempotent by aggregate version (a redelivery changes nothing).
 */
export async function followContacts(dataSource: DataSource, bus: EventBus): Promise<Subscription> {
  await bus.ensureTopics([CONTACTS_TOPIC]);
  return bus.subscribe({
    groupId: 'engagement-write.contacts',
    topics: [CONTACTS_TOPIC],
    handler: async (event: EventEnvelope) => {
      if (event.type !== 'contact.created' && event.type !== 'contact.unregistered') return;
      await dataSource.query(
        `INSERT INTO engagement_contacts (tenant_id, contact_id, active, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, contact_id) DO UPDATE SET active = EXCLUDED.active, version = EXCLUDED.version
         WHERE engagement_contacts.version < EXCLUDED.version`,
        [event.tenantId, event.aggregateId, event.type === 'contact.created', event.aggregateVersion],
      );
    },
  });
}

/** Whether the tenant has the (registered) contact; a contact created a moment ago may take a little while to arrive. */
export async function contactExists(dataSource: DataSource, tenantId: string, contactId: string, waitMs = 3000): Promise<boolean> {
  const started = Date.now();
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const [row] = (await dataSource.query(`SELECT active FROM engagement_contacts WHERE tenant_id = $1 AND contact_id = $2`, [
      tenantId,
      contactId,
    ])) as {
      active: boolean;
    }[];
    if (row || Date.now() - started >= waitMs) return row?.active ?? false;
    await new Promise((r) => setTimeout(r, pause));
  }
}
