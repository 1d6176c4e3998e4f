import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDataSource, type DataSourceConfig } from './data-source';
import { embeddedDbDir } from './embedded-database';

const logger = pino({ level: 'silent' });

/** Each service's migration creates a table with the same unqualified name in its own schema. */
function itemsMigration(label: string) {
  return class implements MigrationInterface {
    name = `CreateItems1700000000001`;
    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE items (id integer PRIMARY KEY, owner text NOT NULL DEFAULT '${label}')`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE items`);
    }
  };
}

function service(name: string, overrides: Partial<DataSourceConfig>): DataSourceConfig {
  return {
    service: name,
    schema: `${name}_svc`,
    dataDir: '.data',
    entities: [],
    migrations: [itemsMigration(name)],
    migrate: true,
    logger,
    ...overrides,
  };
}

describe('one embedded database for every service of a process', () => {
  it('gives each service its own schema: the same unqualified table name never crosses services', async () => {
    const shared = `test-${process.pid}-${Date.now()}`;
    const a = await createDataSource(service('alpha', { inMemory: shared }));
    const b = await createDataSource(service('beta', { inMemory: shared }));
    try {
      // interleave statements and a transaction of both services on the one session
      await Promise.all([
        a.query(`INSERT INTO items (id) VALUES (1)`),
        b.transaction(async (m) => {
          await m.query(`INSERT INTO items (id) VALUES (1)`);
          await m.query(`INSERT INTO items (id) VALUES (2)`);
        }),
        a.query(`INSERT INTO items (id) VALUES (3)`),
      ]);
      assert.deepEqual(await a.query(`SELECT id, owner FROM items ORDER BY id`), [
        { id: 1, owner: 'alpha' },
        { id: 3, owner: 'alpha' },
      ]);
      assert.deepEqual(await b.query(`SELECT id, owner FROM items ORDER BY id`), [
        { id: 1, owner: 'beta' },
        { id: 2, owner: 'beta' },
      ]);
      // it is one database: both schemas are visible from either side
      const schemas = await a.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('alpha_svc', 'beta_svc') ORDER BY 1`);
      assert.deepEqual(
        schemas.map((r: { schema_name: string }) => r.schema_name),
        ['alpha_svc', 'beta_svc'],
      );
      await a.destroy();
      // the other service keeps working after one closes (the database closes with its last user)
      assert.equal((await b.query(`SELECT count(*)::int AS n FROM items`))[0].n, 2);
    } finally {
      if (a.isInitialized) await a.destroy();
      await b.destroy();
    }
  });

  it('keeps every service in one folder under DATA_DIR, locked to one process at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
    try {
      const a = await createDataSource(service('alpha', { dataDir: dir }));
      const b = await createDataSource(service('beta', { dataDir: dir }));
      await a.query(`INSERT INTO items (id) VALUES (7)`);
      assert.ok(existsSync(embeddedDbDir(dir)), 'one database folder: <DATA_DIR>/db');
      assert.ok(existsSync(join(dir, 'db.pid')), 'held by this process');
      await a.destroy();
      await b.destroy();
      assert.ok(!existsSync(join(dir, 'db.pid')), 'released when the last service closes');

      // another live process holds the folder: refused with a message naming it
      writeFileSync(join(dir, 'db.pid'), `${process.ppid}\n`);
      await assert.rejects(createDataSource(service('alpha', { dataDir: dir })), (err: Error) => {
        assert.match(err.message, new RegExp(`in use by process ${process.ppid}`));
        assert.match(err.message, /DATABASE_URL or another DATA_DIR/);
        return true;
      });
      // a lock left by a process that is gone is taken over; the data is still there
      writeFileSync(join(dir, 'db.pid'), `999999999\n`);
      const again = await createDataSource(service('alpha', { dataDir: dir }));
      try {
        assert.deepEqual(await again.query(`SELECT id FROM items`), [{ id: 7 }]);
      } finally {
        await again.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
