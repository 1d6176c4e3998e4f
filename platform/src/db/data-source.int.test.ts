import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { EntitySchema, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { testBackends } from '../testing/env';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { createDataSource, isEmbedded, sqlStateOf, UNIQUE_VIOLATION, type DataSourceConfig } from './data-source';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const SCHEMA = 'widgets_svc';

let migrationRuns = 0;
class CreateWidgets1700000000001 implements MigrationInterface {
  name = 'CreateWidgets1700000000001';
  async up(q: QueryRunner): Promise<void> {
    migrationRuns++;
    await q.query(`CREATE TABLE widgets (id integer PRIMARY KEY, name text NOT NULL, n integer NOT NULL DEFAULT 0)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE widgets`);
  }
}
class SeedWidgets1700000000002 implements MigrationInterface {
  name = 'SeedWidgets1700000000002';
  async up(q: QueryRunner): Promise<void> {
    migrationRuns++;
    await q.query(`INSERT INTO widgets (id, name) VALUES (1000, 'seed')`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM widgets WHERE id = 1000`);
  }
}

interface Widget {
  id: number;
  name: string;
  n: number;
}
const WidgetEntity = new EntitySchema<Widget>({
  name: 'Widget',
  tableName: 'widgets',
  columns: { id: { type: Number, primary: true }, name: { type: String }, n: { type: Number } },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function config(overrides: Partial<DataSourceConfig>): DataSourceConfig {
  return {
    service: 'widgets',
    dataDir: '.data',
    schema: SCHEMA,
    entities: [WidgetEntity],
    migrations: [CreateWidgets1700000000001, SeedWidgets1700000000002],
    migrate: true,
    inMemory: true,
    logger,
    ...overrides,
  };
}

/** The same checks for PGlite (embedded) and PostgreSQL. */
function dataSourceSuite(
  label: string,
  open: () => Promise<{ ds: DataSource; reopen: (() => Promise<DataSource>) | null; cleanup: () => Promise<void> }>,
) {
  describe(`createDataSource (${label})`, () => {
    let ds: DataSource;
    let reopen: (() => Promise<DataSource>) | null;
    let cleanup: () => Promise<void>;

    before(async () => {
      migrationRuns = 0;
      ({ ds, reopen, cleanup } = await open());
    });
    after(async () => {
      if (ds.isInitialized) await ds.destroy();
      await cleanup();
    });

    it('creates the service schema and runs every migration once, inside it', async () => {
      assert.equal(migrationRuns, 2);
      const schemas = (await ds.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name = $1`, [SCHEMA])) as unknown[];
      assert.equal(schemas.length, 1);
      const tables = (await ds.query(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('widgets', 'migrations') ORDER BY table_name`,
      )) as { table_schema: string; table_name: string }[];
      assert.deepEqual(tables, [
        { table_schema: SCHEMA, table_name: 'migrations' },
        { table_schema: SCHEMA, table_name: 'widgets' },
      ]);
      const ran = (await ds.query(`SELECT name FROM "${SCHEMA}".migrations ORDER BY id`)) as { name: string }[];
      assert.deepEqual(
        ran.map((r) => r.name),
        ['CreateWidgets1700000000001', 'SeedWidgets1700000000002'],
      );
    });

    it('does not run migrations again', async () => {
      assert.deepEqual(await ds.runMigrations({ transaction: 'each' }), []);
      assert.equal(migrationRuns, 2);
      if (reopen) {
        await ds.destroy();
        ds = await reopen();
        assert.equal(migrationRuns, 2, 'reopening the database runs nothing');
      }
      const seeds = (await ds.query(`SELECT count(*)::int AS n FROM widgets WHERE id = 1000`)) as { n: number }[];
      assert.equal(seeds[0]?.n, 1);
    });

    it('runs concurrent transactions in isolation: a rollback never takes another transaction with it', async () => {
      const ids = Array.from({ length: 12 }, (_, i) => i + 1);
      const results = await Promise.allSettled(
        ids.map((id) =>
          ds.transaction(async (m) => {
            await m.query(`INSERT INTO widgets (id, name) VALUES ($1, $2)`, [id, `w${id}`]);
            await sleep(id % 3 === 0 ? 15 : 2);
            await m.query(`UPDATE widgets SET n = n + 1 WHERE id = $1`, [id]);
            if (id % 2 === 0) throw new Error(`roll back ${id}`);
          }),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        ids.map((id) => (id % 2 === 0 ? 'rejected' : 'fulfilled')),
      );
      const rows = (await ds.query(`SELECT id, n FROM widgets WHERE id < 1000 ORDER BY id`)) as { id: number; n: number }[];
      assert.deepEqual(
        rows,
        ids.filter((id) => id % 2 === 1).map((id) => ({ id, n: 1 })),
      );
    });

    it('does not let a plain query see or join an open transaction', async () => {
      let release!: () => void;
      const hold = new Promise<void>((r) => (release = r));
      const tx = ds.transaction(async (m) => {
        await m.query(`INSERT INTO widgets (id, name) VALUES (500, 'uncommitted')`);
        await hold;
        throw new Error('roll back 500');
      });
      await sleep(20);
      const outside = ds.query(`SELECT count(*)::int AS n FROM widgets WHERE id = 500`) as Promise<{ n: number }[]>;
      await sleep(20);
      release();
      await assert.rejects(tx, /roll back 500/);
      assert.equal((await outside)[0]?.n, 0);
    });

    it('reports affected-row counts for UPDATE and DELETE', async () => {
      const repo = ds.getRepository(WidgetEntity);
      await repo.insert([
        { id: 201, name: 'x', n: 0 },
        { id: 202, name: 'x', n: 0 },
        { id: 203, name: 'x', n: 5 },
      ]);
      assert.equal((await repo.update({ name: 'x', n: 0 }, { n: 9 })).affected, 2);
      assert.equal((await repo.update({ id: 999 }, { n: 1 })).affected, 0);
      const qb = await ds
        .createQueryBuilder()
        .update(WidgetEntity)
        .set({ n: 10 })
        .where('id IN (:...ids)', { ids: [201, 203] })
        .execute();
      assert.equal(qb.affected, 2);
      const raw = (await ds.query(`UPDATE widgets SET n = n + 1 WHERE name = $1`, ['x'])) as [unknown[], number];
      assert.equal(raw[1], 3);
      assert.equal((await repo.delete({ id: 202 })).affected, 1);
      assert.equal((await repo.delete({ id: 202 })).affected, 0);
      assert.deepEqual(
        (await repo.find({ where: { name: 'x' }, order: { id: 'ASC' } })).map((w) => [w.id, w.n]),
        [
          [201, 11],
          [203, 11],
        ],
      );
    });

    it('surfaces the SQLSTATE of driver errors', async () => {
      const err = await ds.query(`INSERT INTO widgets (id, name) VALUES (1000, 'dup')`).then(
        () => assert.fail('expected a unique violation'),
        (e: unknown) => e,
      );
      assert.equal(sqlStateOf(err), UNIQUE_VIOLATION);
      assert.equal(sqlStateOf(new Error('x')), undefined);
      assert.equal(sqlStateOf(null), undefined);
    });
  });
}

assert.ok(isEmbedded({ databaseUrl: undefined }));
assert.ok(!isEmbedded({ databaseUrl: 'postgres://x' }));

dataSourceSuite('embedded PGlite', async () => ({
  ds: await createDataSource(config({ inMemory: true })),
  reopen: null,
  cleanup: async () => undefined,
}));

describe('createDataSource (embedded PGlite on disk)', () => {
  it('keeps data and applied migrations across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-ds-'));
    try {
      migrationRuns = 0;
      const cfg = config({ inMemory: false, dataDir: dir });
      let ds = await createDataSource(cfg);
      assert.equal(migrationRuns, 2);
      await ds.query(`INSERT INTO widgets (id, name) VALUES (7, 'kept')`);
      await ds.destroy();
      ds = await createDataSource(cfg);
      try {
        assert.equal(migrationRuns, 2, 'no migration runs twice');
        assert.deepEqual(await ds.query(`SELECT id, name FROM widgets ORDER BY id`), [
          { id: 7, name: 'kept' },
          { id: 1000, name: 'seed' },
        ]);
      } finally {
        await ds.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (backends.databaseUrl) {
  let db: TestDatabase;
  dataSourceSuite('PostgreSQL', async () => {
    db = await createTestDatabase(backends.databaseUrl, 'data_source');
    const cfg = config({ databaseUrl: db.url, poolSize: 5 });
    return { ds: await createDataSource(cfg), reopen: () => createDataSource(cfg), cleanup: () => db.drop() };
  });
}
