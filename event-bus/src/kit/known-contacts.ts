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
  const upsertMany = `INSERT INTO ${table} (tenant_id, contact_id, active, version)
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::boolean[], $4::int[])
    ON CONFLICT (tenant_id, contact_id) DO UPDATE SET active = EXCLUDED.active, version = EXCLUDED.version
    WHERE ${table}.version < EXCLUDED.version`;
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
        // a run of waiting events (a bulk import) is one statement: the latest state per contact
        batchHandler: async (events) => {
          const latest = new Map<string, { tenantId: string; contactId: string; active: boolean; version: number }>();
          for (const e of events) {
            if (e.type !== 'contact.created' && e.type !== 'contact.unregistered') continue;
            const key = `${e.tenantId}\u0000${e.aggregateId}`;
            const seen = latest.get(key);
            if (!seen || seen.version < e.aggregateVersion)
              latest.set(key, { tenantId: e.tenantId, contactId: e.aggregateId, active: e.type === 'contact.created', version: e.aggregateVersion });
          }
          if (latest.size === 0) return;
          const rows = [...latest.values()];
          await dataSource.query(upsertMany, [
            rows.map((r) => r.tenantId),
            rows.map((r) => r.contactId),
            rows.map((r) => r.active),
            rows.map((r) => r.version),
          ]);
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
