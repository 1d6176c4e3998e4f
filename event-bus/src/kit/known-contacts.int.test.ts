import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import type { EventEnvelope } from '../envelope';
import type { EventBus, SubscriptionOptions } from '../ports';
import { knownContacts, knownContactsTableSql } from './known-contacts';

const logger = pino({ level: 'silent' });
const backends = testBackends();

const event = (
  type: 'contact.created' | 'contact.unregistered' | 'contact.tags_set',
  tenantId: string,
  contactId: string,
  version: number,
): EventEnvelope => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  tenantId,
  aggregateType: 'contact',
  aggregateId: contactId,
  aggregateVersion: version,
  occurredAt: new Date().toISOString(),
  correlationId: 'corr',
  causationId: null,
  actor: { kind: 'system', id: null },
  data: {},
});

/** A bus that only records the subscription, so the test hands events to its handlers itself. */
function recordingBus(): { bus: EventBus; options: () => SubscriptionOptions } {
  let subscribed: SubscriptionOptions | null = null;
  const bus = {
    ensureTopics: async () => undefined,
    subscribe: async (o: SubscriptionOptions) => {
      subscribed = o;
      return { stop: async () => undefined };
    },
  } as unknown as EventBus;
  return { bus, options: () => subscribed! };
}

function suite(label: string, open: () => Promise<{ ds: DataSource; cleanup: () => Promise<void> }>) {
  describe(`knownContacts (${label})`, () => {
    let ds: DataSource;
    let cleanup: () => Promise<void> = async () => undefined;
    after(async () => {
      await ds?.destroy();
      await cleanup();
    });

    it('a run of events (a bulk import) is applied as the latest state per contact, per tenant, whatever the order; older versions change nothing', async () => {
      ({ ds, cleanup } = await open());
      await ds.query(knownContactsTableSql('test_contacts'));
      const contacts = knownContacts(ds, { table: 'test_contacts', groupId: 'test.contacts' });
      const { bus, options } = recordingBus();
      await contacts.follow(bus);
      const { handler, batchHandler } = options();
      assert.ok(batchHandler, 'runs of events are handled in one statement');
      const [a, b, c, gone] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      await batchHandler([
        event('contact.created', 't1', a, 1),
        event('contact.tags_set', 't1', a, 2),
        event('contact.created', 't1', b, 1),
        event('contact.created', 't1', gone, 1),
        event('contact.unregistered', 't1', gone, 3),
        event('contact.created', 't2', c, 1),
      ]);
      assert.equal(await contacts.exists('t1', a, 0), true);
      assert.equal(await contacts.exists('t1', b, 0), true);
      assert.equal(await contacts.exists('t1', gone, 0), false, 'the later unregistration wins within the run');
      assert.equal(await contacts.exists('t2', c, 0), true);
      assert.equal(await contacts.exists('t1', c, 0), false, 'another tenant does not see it');
      // a redelivered older run, or a single older event, does not bring the unregistered contact back
      await batchHandler([event('contact.created', 't1', gone, 1)]);
      await handler(event('contact.created', 't1', gone, 1), {
        topic: 'crm.contacts.events',
        partition: 0,
        offset: '9',
        attempt: 1,
        groupId: 'test.contacts',
      });
      assert.equal(await contacts.exists('t1', gone, 0), false);
      // a run with nothing about contacts' existence writes nothing and does not fail
      await batchHandler([event('contact.tags_set', 't1', a, 3)]);
      const [row] = (await ds.query('SELECT count(*)::int AS n FROM test_contacts')) as { n: number }[];
      assert.equal(row?.n, 4);
    });
  });
}

const common = { service: 'known-contacts-test', dataDir: '.data', schema: 'public', entities: [], migrations: [], migrate: false, logger };
suite('embedded PGlite', async () => ({ ds: await createDataSource({ ...common, inMemory: true }), cleanup: async () => undefined }));
if (backends.databaseUrl) {
  let db: TestDatabase;
  suite('PostgreSQL', async () => {
    db = await createTestDatabase(backends.databaseUrl, 'known_contacts');
    return { ds: await createDataSource({ ...common, databaseUrl: db.url, poolSize: 2 }), cleanup: () => db.drop() };
  });
}
