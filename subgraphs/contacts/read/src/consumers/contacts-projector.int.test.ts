import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { MemoryCache } from '@crm/platform/cache';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { databaseConfig } from '../persistence/database';
import { contactCreated, tagsSet } from '../testing/contact-events';
import type { ContactView } from '../projections/contact-view.projection';
import { contactKey } from '../queries/contact-cache-keys';
import { ContactsProjector, ProjectionGapError } from './contacts-events.consumer';

const backends = testBackends();
const logger = pino({ level: backends.logLevel });

/** Counts the SQL statements (round trips, BEGIN and COMMIT included) the data source sends. */
function countStatements(ds: DataSource): string[] {
  const sql: string[] = [];
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = ((q: string, params?: unknown[], structured?: boolean) => {
      sql.push(q.trim().split(/\s+/)[0]!);
      return query(q, params, structured as true);
    }) as typeof runner.query;
    return runner;
  };
  return sql;
}

/** Counts the cache calls the projector makes. */
class CountingCache extends MemoryCache {
  calls = 0;
  override setIfNewer<T>(...args: Parameters<MemoryCache['setIfNewer']>): Promise<void> {
    this.calls++;
    return super.setIfNewer<T>(...(args as [string, { version: number; value: T }, number]));
  }
  override incr(key: string, ttl: number): Promise<number> {
    this.calls++;
    return super.incr(key, ttl);
  }
}

describe('contacts projector on the projector engine (batches, duplicates, gaps, round trips)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let cache: CountingCache;
  let projector: ContactsProjector;
  let sql: string[];
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const version = async (id: string) =>
    Number(
      ((await ds.query(`SELECT version FROM contact_views WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as { version: number }[])[0]?.version ??
        0,
    );

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'contacts_projector');
    ds = await createDataSource({
      ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
      entities: [],
      migrate: true,
      inMemory: !db.url,
    });
    cache = new CountingCache();
    projector = new ContactsProjector(ds, cache, 60, logger);
    sql = countStatements(ds);
  });
  after(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('one event costs two statements (load, upsert-if-newer) and two cache calls; a batch of 3 contacts x 3 events costs the same two statements', async () => {
    const single = randomUUID();
    sql.splice(0);
    cache.calls = 0;
    await projector.handle(contactCreated(tenantId, single, 1));
    assert.deepEqual(sql, ['SELECT', 'INSERT']);
    assert.equal(cache.calls, 2);

    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const batch = ids.flatMap((id, n) => [
      contactCreated(tenantId, id, 10 + n),
      tagsSet(tenantId, id, 2, ['a']),
      tagsSet(tenantId, id, 3, ['a', 'b']),
    ]);
    const signals: number[] = [];
    projector.applied.on(`${tenantId}:${ids[0]}`, (v: number) => signals.push(v));
    sql.splice(0);
    cache.calls = 0;
    const before = { ...projector.stats };
    await projector.handleBatch(batch);
    assert.deepEqual(sql, ['SELECT', 'INSERT']);
    // one write-through per contact, one list-generation bump for the tenant
    assert.equal(cache.calls, 4);
    assert.deepEqual(await Promise.all(ids.map(version)), [3, 3, 3]);
    assert.deepEqual(signals, [3]);
    assert.equal(projector.stats.applied - before.applied, 9);
    const cached = await cache.get<ContactView | null>(contactKey(tenantId, ids[0]!));
    assert.deepEqual([cached?.version, cached?.value?.tags], [3, ['a', 'b']]);
  });

  it('skips redeliveries by aggregate version and changes nothing', async () => {
    const id = randomUUID();
    const events = [contactCreated(tenantId, id, 20), tagsSet(tenantId, id, 2, ['x'])];
    await projector.handleBatch(events);
    const before = { ...projector.stats };
    sql.splice(0);
    await projector.handleBatch([...events, tagsSet(tenantId, id, 2, ['stale'])]);
    assert.deepEqual(sql, ['SELECT'], 'nothing to write');
    assert.equal(projector.stats.duplicates - before.duplicates, 3);
    const [row] = (await ds.query(`SELECT doc->'tags' AS tags FROM contact_views WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as {
      tags: string[];
    }[];
    assert.deepEqual(row?.tags, ['x']);
  });

  it('a gap fails the whole batch (nothing written) so it is retried event by event', async () => {
    const id = randomUUID();
    await assert.rejects(projector.handleBatch([contactCreated(tenantId, id, 30), tagsSet(tenantId, id, 3, ['gap'])]), ProjectionGapError);
    assert.equal(await version(id), 0);
  });
});
