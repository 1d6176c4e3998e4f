// A statement read model applies an event at most once per aggregate, also when two consumers
// apply the same events at the same time (the partition's previous owner still finishing its batch
// after a rebalance) or one after the other (the new owner re-reading from the last commit).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import type { EventEnvelope } from '../envelope';
import { tagsSetEvent, waitFor } from '../testing/bus-test-kit';
import { Projector } from './projector';
import { APPLIED_VERSIONS_TABLE, statementReadModel } from './statement-read-model';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const SCHEMA = 'kit_statement_rm';
/** Held by the test to stop an apply half-way (inside its transaction, after it claimed its aggregates). */
const GATE = 7_340_021;

describe('statement read model: at most once per aggregate', { skip: !backends.databaseUrl && 'needs PostgreSQL' }, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let gate: DataSource;
  let gated = false;

  // one effect per applied event: a counter per aggregate, and the versions applied in order
  const model = statementReadModel({
    name: 'effects',
    accepts: (e) => e.aggregateType === 'contact',
    projections: [
      (e: EventEnvelope) => [
        ...(gated ? [{ sql: `SELECT pg_advisory_xact_lock_shared($1)`, params: [GATE] }] : []),
        {
          sql: `INSERT INTO effects (tenant_id, id, applied, versions) VALUES ($1, $2, 1, ARRAY[$3::int])
                ON CONFLICT (tenant_id, id) DO UPDATE SET applied = effects.applied + 1, versions = effects.versions || $3::int`,
          params: [e.tenantId, e.aggregateId, e.aggregateVersion],
        },
      ],
    ],
  });

  const effects = async (id: string) =>
    ((await ds.query(`SELECT applied, versions FROM effects WHERE id = $1`, [id])) as { applied: number; versions: number[] }[])[0] ?? null;

  /** Backends of this database waiting for a lock, besides the test's own. */
  const waiting = async () =>
    Number(
      (
        (await gate.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)) as {
          n: number;
        }[]
      )[0]?.n ?? 0,
    );

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'kit_statement_rm');
    const config = { dataDir: '.data', schema: SCHEMA, entities: [], migrations: [], migrate: false, databaseUrl: db.url, logger };
    ds = await createDataSource({ ...config, service: 'statement-rm-test', poolSize: 6 });
    gate = await createDataSource({ ...config, service: 'statement-rm-gate', poolSize: 2 });
    await ds.query(`CREATE TABLE ${APPLIED_VERSIONS_TABLE} (aggregate_type text NOT NULL, aggregate_id text NOT NULL, version int NOT NULL,
      PRIMARY KEY (aggregate_type, aggregate_id))`);
    await ds.query(
      `CREATE TABLE effects (tenant_id text NOT NULL, id text NOT NULL, applied int NOT NULL, versions int[] NOT NULL, PRIMARY KEY (tenant_id, id))`,
    );
  });
  after(async () => {
    await gate?.destroy();
    await ds?.destroy();
    await db?.drop();
  });

  /**
   * Consumer A applies `eventsA` and is held inside its transaction (after it claimed the
   * aggregate); consumer B then applies `eventsB` and waits on A's claim; A commits; B finishes.
   */
  async function race(eventsA: EventEnvelope[], eventsB: EventEnvelope[]): Promise<void> {
    const a = new Projector(ds, [model], logger);
    const b = new Projector(ds, [model], logger);
    const holder = gate.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock($1)`, [GATE]);
      gated = true;
      const applyA = a.handleBatch(eventsA);
      await waitFor('A held inside its transaction', 10_000, async () => (await waiting()) === 1);
      const applyB = b.handleBatch(eventsB);
      await waitFor('B waiting on the claim A holds', 10_000, async () => (await waiting()) === 2);
      gated = false;
      await holder.query(`SELECT pg_advisory_unlock($1)`, [GATE]);
      await Promise.all([applyA, applyB]);
    } finally {
      gated = false;
      await holder.release();
    }
  }

  it('the same new aggregate applied by two consumers at once: one effect', async () => {
    const id = randomUUID();
    const e1 = tagsSetEvent(id, 1);
    await race([e1], [e1]);
    assert.deepEqual(await effects(id), { applied: 1, versions: [1] });
  });

  it('an aggregate the read model has: the overlapping events of two concurrent batches are applied once, in order', async () => {
    const id = randomUUID();
    const events = [1, 2, 3, 4].map((v) => tagsSetEvent(id, v));
    await new Projector(ds, [model], logger).handleBatch([events[0]!]);
    // A (the previous owner) applies 2..3 while B (the new owner) re-reads 2..4
    await race(events.slice(1, 3), events.slice(1));
    assert.deepEqual(await effects(id), { applied: 4, versions: [1, 2, 3, 4] });
  });

  it('the same events again after a reassignment: no second effect', async () => {
    const id = randomUUID();
    const events = [1, 2].map((v) => tagsSetEvent(id, v));
    const first = new Projector(ds, [model], logger);
    await first.handleBatch(events);
    const next = new Projector(ds, [model], logger);
    await next.handleBatch(events);
    await next.handle(events[1]!);
    assert.deepEqual(await effects(id), { applied: 2, versions: [1, 2] });
    assert.equal(next.stats.duplicates, 3);
    assert.equal(next.stats.applied, 0);
  });
});
