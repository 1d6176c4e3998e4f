import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startFaultProxy, testBackends, type FaultProxy } from '@crm/platform/testing';
import { startTestPlatform, type TestPlatform } from '../testing/test-platform';

type Gql = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };

const backends = testBackends();
const LONG = process.env['CRM_LONG_TESTS'] === '1';
const CREATE = `mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } consistencyToken errors { code } } }`;
const UPDATE = `mutation($id: ID!, $n: String!) { updateContact(id: $id, input: { firstName: $n }) { consistencyToken errors { code } } }`;
const GET = `query($id: ID!) { contact(id: $id) { id firstName } }`;
const LIST = `query { contacts(first: 100, includeTotal: true) { totalCount nodes { id firstName } } }`;

// K1 (reliability matrix): Redis unreachable (fault proxy in front of the shared Redis) → reads are
// answered from PostgreSQL, never a 5xx; after Redis returns the cache serves again and holds no
// value older than the writes made during the outage.
if (backends.redisUrl) {
  describe('cache faults through the gateway (K1): Redis down or hanging', () => {
    let proxy: FaultProxy;
    let p: TestPlatform;
    let direct: Redis;
    const names = new Map<string, string>();
    const keyOf = (id: string) => `contacts-read:v1:${p.tenant}:contact:${id}`;

    before(async () => {
      const target = new URL(backends.redisUrl!);
      proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port || 6379) } });
      p = await startTestPlatform('cache-faults', { REDIS_URL: proxy.url('redis') });
      direct = new Redis(backends.redisUrl!);
      let token = '';
      for (let i = 0; i < 10; i++) {
        const r = await p.graphql<Gql>(CREATE, { i: { type: 'PERSON', firstName: `K${i}`, lastName: 'Cache' } });
        names.set(r.body.data?.['createContact'].contact.id, `K${i}`);
        token = r.body.data?.['createContact'].consistencyToken;
      }
      await p.graphql<Gql>(LIST, {}, { 'x-consistency-token': token });
      for (const id of names.keys()) await p.graphql<Gql>(GET, { id });
    });
    after(async () => {
      await p?.stop();
      direct?.disconnect();
      await proxy?.close();
    });

    async function readAll(rounds: number, label: string): Promise<{ ok: number; failures: string[] }> {
      const failures: string[] = [];
      let ok = 0;
      const ids = [...names.keys()];
      for (let round = 0; round < rounds; round++) {
        const results = await Promise.all([
          ...ids.map(async (id) => {
            const r = await p.graphql<Gql>(GET, { id });
            return r.status === 200 && !r.body.errors && r.body.data?.['contact']?.firstName === names.get(id)
              ? null
              : `${label} get ${r.status} ${r.text.slice(0, 200)}`;
          }),
          (async () => {
            const r = await p.graphql<Gql>(LIST);
            const c = r.body.data?.['contacts'];
            const right =
              r.status === 200 && !r.body.errors && c?.totalCount === ids.length && c.nodes.every((n: any) => names.get(n.id) === n.firstName);
            return right ? null : `${label} list ${r.status} ${r.text.slice(0, 200)}`;
          })(),
        ]);
        for (const f of results) {
          if (f) failures.push(f);
          else ok++;
        }
      }
      return { ok, failures };
    }

    it('the cache is in use while Redis is reachable', async () => {
      for (const id of names.keys()) assert.ok(await direct.exists(keyOf(id)), 'each contact cached');
    });

    it('Redis down: every read answered correctly from PostgreSQL, no 5xx; writes during the outage are read back', async () => {
      await proxy.setMode({ kind: 'down' });
      const down = await readAll(LONG ? 40 : 5, 'down');
      // writes while the cache is unreachable (the projector cannot update the cached copies)
      for (const id of [...names.keys()].slice(0, 3)) {
        const r = await p.graphql<Gql>(UPDATE, { id, n: `Outage-${id.slice(0, 4)}` });
        assert.deepEqual(r.body.data?.['updateContact']?.errors, [], r.text);
        names.set(id, `Outage-${id.slice(0, 4)}`);
        const back = await p.graphql<Gql>(GET, { id }, { 'x-consistency-token': r.body.data?.['updateContact'].consistencyToken });
        assert.equal(back.body.data?.['contact']?.firstName, names.get(id), back.text);
      }
      const after = await readAll(LONG ? 40 : 5, 'down after writes');
      console.log(`K1 down: ${down.ok + after.ok} reads answered, ${down.failures.length + after.failures.length} failed`);
      assert.deepEqual([...down.failures, ...after.failures], []);
    });

    it('Redis hanging (commands time out): reads still answered correctly', async () => {
      await proxy.setMode({ kind: 'hang' });
      const hang = await readAll(LONG ? 20 : 3, 'hang');
      console.log(`K1 hang: ${hang.ok} reads answered, ${hang.failures.length} failed`);
      assert.deepEqual(hang.failures, []);
    });

    it('after Redis returns: no stale cached value survives the outage, and the cache fills again', async () => {
      await proxy.setMode({ kind: 'pass' });
      await waitFor('the cache to reconnect', 15_000, async () => (await p.cache.ping()) === true);
      const back = await readAll(3, 'recovered');
      assert.deepEqual(back.failures, [], 'the contacts updated during the outage are not served from their pre-outage cache entries');
      for (const id of names.keys()) {
        await waitFor(`${id} cached again`, 15_000, async () => {
          await p.graphql<Gql>(GET, { id });
          const raw = await direct.get(keyOf(id));
          return raw !== null && raw.includes(`"firstName":"${names.get(id)}"`);
        });
      }
    });
  });
}

async function waitFor(what: string, timeoutMs: number, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
