// K2/K3 (reliability matrix) against real Redis and PostgreSQL:
// K2 no stale value survives an invalidation race (read-through populate vs projector write-through);
// K3 a cold hot key is loaded from the database once per process under concurrent requests.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { RedisCache, ReadThrough, type CacheEntry } from '@crm/platform/cache';
import type { Principal } from '@crm/platform/auth';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { ContactsProjector } from '../consumers/contacts-events.consumer';
import { databaseConfig } from '../persistence/database';
import { ContactViewStore } from '../persistence/contact-view-store';
import type { ContactView } from '../projections/contact-view.projection';
import { contactKey } from './contact-cache-keys';
import { ContactQueries } from './contact-queries';
import { contactCreated, contactEvent } from '../testing/contact-events';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const LONG = process.env['CRM_LONG_TESTS'] === '1';

/** Small deterministic PRNG, so a failing interleaving can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

if (backends.redisUrl) {
  describe('contact cache races on real Redis (K2, K3)', () => {
    const tenantId = `t_${randomUUID().slice(0, 8)}`;
    const principal = { tenantId, kind: 'user', subjectId: 'u', permissions: ['contacts.read'] } as unknown as Principal;
    let db: TestDatabase;
    let dataSource: DataSource;
    let cache: RedisCache;
    let projector: ContactsProjector;

    const event = (aggregateId: string, version: number, type: string, data: unknown) => contactEvent(tenantId, aggregateId, version, type, data);
    const createContact = async (id: string, n: number) => projector.handle(contactCreated(tenantId, id, n));
    const dbVersion = async (id: string) => new ContactViewStore(dataSource.manager, tenantId).versionOf(id);

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'cache-races');
      dataSource = await createDataSource({
        ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
        entities: [],
        migrate: true,
        inMemory: !db.url,
      });
      cache = new RedisCache(backends.redisUrl!, logger);
      await cache.waitReady();
      projector = new ContactsProjector(dataSource, cache, 300, logger);
    });
    after(async () => {
      await cache.close();
      await dataSource.destroy();
      await db.drop();
    });

    it('K2: a reader that loaded an old version never leaves it in the cache after a newer projection (scheduled interleavings)', async () => {
      const rounds = LONG ? 1000 : 200;
      const rnd = prng(7);
      const id = randomUUID();
      await createContact(id, 0);
      const readThrough = new ReadThrough(cache, 300);
      const key = contactKey(tenantId, id);
      const schedules = { loadBeforeCommit: 0, populateBeforeWriteThrough: 0, populateAfterWriteThrough: 0, expiryDuringRace: 0 };
      let stale = 0;
      for (let round = 0; round < rounds; round++) {
        const current = await dbVersion(id);
        await cache.del(key); // a cold key: TTL ran out or it was never cached
        let releaseLoad!: () => void;
        const loadHeld = new Promise<void>((r) => (releaseLoad = r));
        let loaded!: () => void;
        const loadDone = new Promise<void>((r) => (loaded = r));
        // the reader: misses, reads the view from PostgreSQL, is held, then populates the cache (add)
        const reader = readThrough.get<ContactView>(key, async () => {
          const view = await new ContactViewStore(dataSource.manager, tenantId).get(id);
          loaded();
          await loadHeld;
          return view ? { version: view.version, value: view } : undefined;
        });
        await loadDone;
        const next = event(id, current + 1, 'contact.tags_set', { tags: [`v${current + 1}`] });
        const choice = rnd();
        if (choice < 0.33) {
          // populate with the old version first, then the projector commits and writes through
          schedules.populateBeforeWriteThrough++;
          releaseLoad();
          await reader;
          await projector.handle(next);
        } else if (choice < 0.66) {
          // the projector commits and writes through while the reader holds the old version, then it populates
          schedules.populateAfterWriteThrough++;
          await projector.handle(next);
          releaseLoad();
          await reader;
        } else {
          // as above, but the written-through entry expires (or is evicted) before the stale populate
          schedules.expiryDuringRace++;
          await projector.handle(next);
          await cache.del(key);
          releaseLoad();
          await reader;
        }
        schedules.loadBeforeCommit++;
        const cached = (await cache.get<ContactView>(key)) as CacheEntry<ContactView> | undefined;
        if (cached && cached.version < (await dbVersion(id))) {
          stale++;
          await cache.del(key);
        }
      }
      console.log(`K2: ${rounds} interleavings ${JSON.stringify(schedules)}; stale entries left: ${stale}`);
      assert.equal(stale, 0, 'no cached version older than PostgreSQL after the projection is processed');
    });

    it('K2: concurrent projections and cache-aside reads through ContactQueries end with the cache equal to PostgreSQL', async () => {
      const queries = new ContactQueries(dataSource, cache, 300, projector, 1000);
      const ids = Array.from({ length: 20 }, () => randomUUID());
      await Promise.all(ids.map((id, n) => createContact(id, 1000 + n)));
      const updates = LONG ? 50 : 10;
      let stop = false;
      const rnd = prng(11);
      const readers = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const id = ids[Math.floor(rnd() * ids.length)]!;
          if (rnd() < 0.2) await cache.del(contactKey(tenantId, id)); // expiry / eviction at any moment
          await queries.get(principal, id);
        }
      });
      await Promise.all(
        ids.map(async (id) => {
          for (let v = 2; v <= updates + 1; v++) await projector.handle(event(id, v, 'contact.tags_set', { tags: [`v${v}`] }));
        }),
      );
      stop = true;
      await Promise.all(readers);
      const stale: string[] = [];
      for (const id of ids) {
        const cached = await cache.get<ContactView>(contactKey(tenantId, id));
        if (cached && cached.version !== updates + 1) stale.push(`${id}: cached v${cached.version}`);
        const answer = await queries.get(principal, id);
        if (answer?.version !== updates + 1) stale.push(`${id}: answered v${answer?.version}`);
      }
      console.log(`K2 (ContactQueries): ${ids.length} contacts x ${updates} projections raced by 8 readers; ${stale.length} stale`);
      assert.deepEqual(stale, []);
    });

    it('K3: a cold hot key under 500 concurrent requests is loaded from PostgreSQL once per process', async () => {
      const queries = new ContactQueries(dataSource, cache, 300, null, 1000);
      const rounds = LONG ? 20 : 5;
      const loadsPerRound: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const id = randomUUID();
        await createContact(id, 2000 + round);
        await cache.del(contactKey(tenantId, id)); // cold: the projector had written it through
        const before = queries.cacheLoads;
        const answers = await Promise.all(Array.from({ length: 500 }, () => queries.get(principal, id)));
        loadsPerRound.push(queries.cacheLoads - before);
        assert.ok(
          answers.every((a) => a?.id === id && a.version === 1),
          'every request answered with the contact',
        );
      }
      console.log(`K3: 500 concurrent cold reads x ${rounds} keys: database loads per key ${JSON.stringify(loadsPerRound)}`);
      assert.deepEqual(
        loadsPerRound,
        loadsPerRound.map(() => 1),
      );
    });
  });
}
