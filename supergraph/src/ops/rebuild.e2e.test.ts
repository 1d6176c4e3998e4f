import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { testBackends } from '@crm/platform/testing';
import { assertFullHistory, KafkaBus } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { rebuildContactsRead } from '@crm/contacts-read';
import { rebuildIdentityRead } from '@crm/identity-read';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

const logger = pino({ level: 'silent' });
const backends = testBackends();
const CONTACTS = Number(process.env['CRM_LONG_TESTS'] === '1' ? 300 : 30);

const CREATE = `mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id version } consistencyToken errors { code message } } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateContactInput!) { updateContact(id: $id, input: $i) { contact { id version } consistencyToken errors { code message } } }`;
const LIST = `query { contacts(first: 100, includeTotal: true) { totalCount nodes { id firstName version } } }`;
const GET = `query($id: ID!) { contact(id: $id) { id firstName version } }`;

// Zero-downtime rebuild of the read models (shadow schema, catch up, atomic swap) while queries run.
if (backends.kafkaBrokers.length > 0 && backends.databaseUrl) {
  describe('read model rebuild from Kafka while queries are served', () => {
    let p: TestPlatform;
    let bus: KafkaBus;
    const names = new Map<string, string>();
    let token = '';

    const snapshot = async (): Promise<string> =>
      JSON.stringify(
        await p.contactsRead.dataSource.query(`SELECT tenant_id, id::text, version, deleted, doc FROM contact_views ORDER BY tenant_id, id`),
      );

    before(async () => {
      p = await startTestPlatform('rebuild');
      assert.equal(p.bus.kind, 'kafka');
      bus = p.bus as KafkaBus;
      for (let i = 0; i < CONTACTS; i++) {
        const r = await p.graphql<Gql>(CREATE, { i: { type: 'PERSON', firstName: `First${i}`, lastName: 'Rebuild' } });
        const c = r.body.data?.['createContact'];
        assert.deepEqual(c?.errors, [], r.text);
        names.set(c.contact.id, `First${i}`);
        token = c.consistencyToken;
      }
      for (const id of [...names.keys()].slice(0, Math.ceil(CONTACTS / 3))) {
        const r = await p.graphql<Gql>(UPDATE, { id, i: { firstName: `Renamed-${id.slice(0, 4)}` } });
        names.set(id, `Renamed-${id.slice(0, 4)}`);
        token = r.body.data?.['updateContact'].consistencyToken;
      }
      const all = await p.graphql<Gql>(LIST, {}, { 'x-consistency-token': token });
      assert.equal(all.body.data?.['contacts'].totalCount, CONTACTS, all.text);
    });
    after(async () => {
      await p?.stop();
    });

    it('event topics keep their whole history: retention.ms and retention.bytes -1, nothing deleted', async () => {
      for (const topic of [CONTACTS_TOPIC, IDENTITY_TOPIC]) {
        const r = await bus.topicRetention(topic);
        assert.equal(r['retention.ms'], '-1', topic);
        assert.equal(r['retention.bytes'], '-1', topic);
        assert.equal(r['cleanup.policy'], 'delete', topic);
      }
      await assertFullHistory(bus, [CONTACTS_TOPIC, IDENTITY_TOPIC]);
    });

    it('contacts-read: every query during the rebuild is answered correctly, and the rebuilt model equals the old one', async () => {
      const before = await snapshot();
      const ids = [...names.keys()];
      let stop = false;
      const stats = { lists: 0, gets: 0, wrong: [] as string[] };
      // token-carrying lists skip the cache, so they read the tables being swapped
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const list = await p.graphql<Gql>(LIST, {}, { 'x-consistency-token': token });
          const c = list.body.data?.['contacts'];
          if (list.status !== 200 || list.body.errors || c?.totalCount !== CONTACTS || c.nodes.some((n: any) => names.get(n.id) !== n.firstName)) {
            stats.wrong.push(`list ${list.status} ${list.text.slice(0, 300)}`);
          }
          stats.lists++;
          const id = ids[(w * 7 + i) % ids.length]!;
          const one = await p.graphql<Gql>(GET, { id });
          if (one.status !== 200 || one.body.errors || one.body.data?.['contact']?.firstName !== names.get(id))
            stats.wrong.push(`get ${one.status} ${one.text.slice(0, 300)}`);
          stats.gets++;
        }
      };
      const workers = [worker(0), worker(1)];
      const result = await rebuildContactsRead({ bus, databaseUrl: p.databaseUrl!, logger });
      // a few more rounds on the swapped-in tables
      const after = stats.lists + 5;
      while (stats.lists < after) await new Promise((r) => setTimeout(r, 20));
      stop = true;
      await Promise.all(workers);
      console.log(
        `rebuild contacts-read: ${result.events} events replayed, tables ${JSON.stringify(result.tables)}; ${stats.lists} lists + ${stats.gets} gets during the rebuild, ${stats.wrong.length} wrong or failed`,
      );
      assert.deepEqual(stats.wrong, [], 'no query failed or answered wrong data');
      assert.ok(stats.lists > 5 && stats.gets > 5);
      assert.ok(result.events >= CONTACTS, 'the whole history was replayed');
      assert.equal(await snapshot(), before, 'the rebuilt read model equals the one it replaced');
      const schemas = (await p.contactsRead.dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'contacts_read%' ORDER BY 1`)) as {
        nspname: string;
      }[];
      assert.deepEqual(
        schemas.map((s) => s.nspname),
        ['contacts_read'],
        'shadow renamed in, the old schema dropped',
      );
    });

    it('contacts-read: writes racing the swap all land in the new tables (the live projector keeps working)', async () => {
      const ids = [...names.keys()].slice(0, 10);
      let stop = false;
      const tokens = new Map<string, string>();
      const writer = (async () => {
        for (let round = 0; !stop || round < 3; round++) {
          for (const id of ids) {
            const r = await p.graphql<Gql>(UPDATE, { id, i: { firstName: `Race${round}` } });
            assert.deepEqual(r.body.data?.['updateContact']?.errors, [], r.text);
            tokens.set(id, r.body.data?.['updateContact'].consistencyToken);
            names.set(id, `Race${round}`);
          }
        }
      })();
      await rebuildContactsRead({ bus, databaseUrl: p.databaseUrl!, logger });
      stop = true;
      await writer;
      for (const id of ids) {
        const r = await p.graphql<Gql>(GET, { id }, { 'x-consistency-token': tokens.get(id)! });
        assert.equal(r.body.data?.['contact']?.firstName, names.get(id), r.text);
        assert.equal(r.body.extensions?.['freshness']?.consistent, true, r.text);
      }
      const write = (await p.contactsWrite.dataSource.query(`SELECT id::text, version FROM contacts ORDER BY id`)) as {
        id: string;
        version: number;
      }[];
      const read = (await p.contactsRead.dataSource.query(`SELECT id::text, version FROM contact_views ORDER BY id`)) as {
        id: string;
        version: number;
      }[];
      assert.deepEqual(read, write, 'every contact at its write-side version');
    });

    it('identity-read: rebuilt while queried, same users and roles afterwards', async () => {
      for (const email of ['a@rebuild.example', 'b@rebuild.example']) {
        const r = await p.graphql<Gql>(
          `mutation($e: String!) { createUser(input: { email: $e, password: "Rebuild-Password-123", roleIds: [] }) { consistencyToken errors { code } } }`,
          { e: email },
        );
        assert.deepEqual(r.body.data?.['createUser']?.errors, [], r.text);
        token = r.body.data?.['createUser'].consistencyToken;
      }
      await p.graphql<Gql>(`{ users(first: 1) { id } }`, {}, { 'x-consistency-token': token });
      const query = `{ users(first: 100) { id email } roles { id name } }`;
      const beforeRows = JSON.stringify(await p.identityRead.dataSource.query(`SELECT * FROM user_views ORDER BY tenant_id, id`));
      const first = await p.graphql<Gql>(query);
      let stop = false;
      const wrong: string[] = [];
      let n = 0;
      const loop = (async () => {
        while (!stop) {
          const r = await p.graphql<Gql>(query);
          if (r.status !== 200 || r.body.errors || JSON.stringify(r.body.data) !== JSON.stringify(first.body.data)) wrong.push(r.text.slice(0, 300));
          n++;
        }
      })();
      const result = await rebuildIdentityRead({ bus, databaseUrl: p.databaseUrl!, logger });
      stop = true;
      await loop;
      console.log(`rebuild identity-read: ${result.events} events; ${n} queries during the rebuild, ${wrong.length} wrong`);
      assert.deepEqual(wrong, []);
      assert.ok(n > 0);
      assert.equal(first.body.data?.['users'].length, 2, first.text);
      assert.equal(JSON.stringify(await p.identityRead.dataSource.query(`SELECT * FROM user_views ORDER BY tenant_id, id`)), beforeRows);
    });
  });
}
