import type { DataSource, QueryRunner } from 'typeorm';
import type { EventBus, Subscription } from '../ports';
import { CONTACTS_TOPIC } from '../contracts/contacts/topics';

/**
 * Which contacts exist in which tenant, followed from the contacts domain's events into a table of
 * the consuming service's own schema: a domain that takes a contact id from a caller checks it
 * names a contact of the caller's tenant without asking the contacts domain. Idempotent by
 * aggregate version (a redelivery or an older event changes nothing).
 *
 *   const contacts = knownContacts(dataSource, { table: 'engagement_contacts', groupId: 'engagement-write.contacts' });
 *   running.push(await contacts.follow(deps.bus));
 *   if (!(await contacts.exists(tenantId, contactId))) throw notFound();
 *
 * The table (one migration of the service: `knownContactsTableSql(table)`) holds
 * `(tenant_id, contact_id, active, version)`.
 */
export interface KnownContacts {
  follow(bus: EventBus): Promise<Subscription>;
  /** Whether the tenant has the (registered) contact; one created a moment ago may take a little while to arrive (up to `waitMs`). */
  exists(tenantId: string, contactId: string, waitMs?: number): Promise<boolean>;
}

const TABLE = /^[a-z][a-z0-9_]{0,62}$/;

export function knownContactsTableSql(table: string): string {
  if (!TABLE.test(table)) throw new Error(`not a table name: ${table}`);
  return `CREATE TABLE ${table} (
    tenant_id text NOT NULL,
    contact_id uuid NOT NULL,
    active boolean NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (tenant_id, contact_id)
  )`;
}

/** Creates the table in a migration. */
export async function createKnownContactsTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(knownContactsTableSql(table));
}

export function knownContacts(dataSource: DataSource, options: { table: string; groupId: string }): KnownContacts {
  const { table, groupId } = options;
  if (!TABLE.test(table)) throw new Error(`not a table name: ${table}`);
  const upsert = `INSERT INTO ${table} (tenant_id, contact_id, active, version) VALUES ($1, $2, $3, $4)
    ON CONFLICT (tenant_id, contact_id) DO UPDATE SET active = EXCLUDED.active, version = EXCLUDED.version
    WHERE ${table}.version < EXCLUDED.version`;
  const select = `SELECT active FROM ${table} WHERE tenant_id = $1 AND contact_id = $2`;
  return {
    async follow(bus) {
      await bus.ensureTopics([CONTACTS_TOPIC]);
      return bus.subscribe({
        groupId,
        topics: [CONTACTS_TOPIC],
        handler: async (event) => {
          if (event.type !== 'contact.created' && event.type !== 'contact.unregistered') return;
          await dataSource.query(upsert, [event.tenantId, event.aggregateId, event.type === 'contact.created', event.aggregateVersion]);
        },
      });
    },
    async exists(tenantId, contactId, waitMs = 3000) {
      const started = Date.now();
      for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
        const [row] = (await dataSource.query(select, [tenantId, contactId])) as { active: boolean }[];
        if (row || Date.now() - started >= waitMs) return row?.active ?? false;
        await new Promise((r) => setTimeout(r, pause));
      }
    },
  };
}
