// C2 (reliability matrix): two contacts projector processes share the consumer group while one is
// killed (mostly SIGKILL, some SIGTERM) and the other gracefully restarted (rebalances), under a
// steady stream of contact events on the real broker. The read model must equal the fold of the
// events, with 0 duplicate applications and 0 gaps, and the group lag must be back to 0 within a
// minute of the last fault. CRM_LONG_TESTS=1 runs bigger numbers; FAULT_SEED=<seed> replays a run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import {
  checkHistory,
  faultSeed,
  formatHistoryReport,
  seededRandom,
  startProcessKiller,
  type HistoryEvent,
  type ProcessKiller,
} from '@crm/platform/testing/faults';
import { KafkaBus, registry, toBusMessage, type EventEnvelope } from '@crm/event-bus';
import { CONTACTS_TOPIC, type ContactEvent } from '@crm/event-bus/contracts/contacts';
import { deleteNamespace, groupLag, sleep, waitFor } from '@crm/event-bus/testing';
import { databaseConfig, DB_SCHEMA } from '../persistence/database';
import { rowToView } from '../persistence/contact-view-store';
import { projectContact, type ContactView } from '../projections/contact-view.projection';
import { PROJECTOR_GROUP } from '../service';
import type { ProjectorWorkerConfig } from '../testing/projector-worker';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const long = process.env['CRM_LONG_TESTS'] === '1';
const SCALE = long ? { events: 10_000, aggregates: 1_000, kills: 20, restarts: 5 } : { events: 2_000, aggregates: 200, kills: 3, restarts: 1 };

type Change = Pick<ContactEvent, 'type' | 'data'>;

function created(n: number): Change {
  return {
    type: 'contact.created',
    data: {
      firstName: `First${n}`,
      middleName: null,
      lastName: `Last${n}`,
      companyName: null,
      companyProfile: null,
      email: `c${n}@example.com`,
      phones: [],
      demographics: null,
      languageCode: 'EN',
      smsOptOut: false,
      emailOptOut: false,
      countryOfAgreement: 'GBR',
      customFields: [],
      code: `C-${n}`,
      type: 'PERSON',
      referralCode: `REF${n}`,
      addresses: [],
      tags: [],
    },
  } as Change;
}

/** A random later change (tags or profile), so the fold depends on every event and its order. */
function laterChange(rnd: () => number, version: number): Change {
  return rnd() < 0.5
    ? ({ type: 'contact.tags_set', data: { tags: [`v${version}`, `t${Math.floor(rnd() * 5)}`] } } as Change)
    : ({ type: 'contact.updated', data: { middleName: `M${version}`, smsOptOut: rnd() < 0.5 } } as Change);
}

describe(
  'C2: contacts projector killed, restarted and rebalanced under load',
  { skip: (!backends.databaseUrl || !backends.redisUrl || backends.kafkaBrokers.length === 0) && 'needs PostgreSQL, Redis and Kafka' },
  () => {
    let db: TestDatabase;
    let ds: DataSource;
    let bus: KafkaBus;
    const killers: ProcessKiller[] = [];
    const namespace = `c2-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
    const tenantId = `c2-${randomUUID().slice(0, 8)}`;

    before(async () => {
      db = await createTestDatabase(backends.databaseUrl, 'projector_faults');
      ds = await createDataSource({
        ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
        entities: [],
        migrate: true,
        poolSize: 2,
      });
      // every write of a view row is logged with the versions it applies, so a duplicate or skipped
      // application cannot hide: the projector writes once per consumed batch, so one write applies
      // every version after the row's previous one (a write that does not move the row forward is
      // logged at its version, i.e. as a duplicate)
      await ds.query(`CREATE TABLE ${DB_SCHEMA}.projection_audit (seq bigserial PRIMARY KEY, id text NOT NULL, version int NOT NULL)`);
      await ds.query(`CREATE FUNCTION ${DB_SCHEMA}.audit_view() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE previous int := CASE WHEN TG_OP = 'UPDATE' THEN OLD.version ELSE 0 END;
      BEGIN
        INSERT INTO ${DB_SCHEMA}.projection_audit (id, version)
          SELECT NEW.id, v FROM generate_series(LEAST(previous + 1, NEW.version), NEW.version) AS v ORDER BY v;
        RETURN NEW;
      END $$`);
      await ds.query(
        `CREATE TRIGGER audit_view AFTER INSERT OR UPDATE ON ${DB_SCHEMA}.contact_views FOR EACH ROW EXECUTE FUNCTION ${DB_SCHEMA}.audit_view()`,
      );
      bus = new KafkaBus({ brokers: backends.kafkaBrokers, clientId: 'c2-writer', namespace }, registry, logger);
      await bus.ensureTopics([CONTACTS_TOPIC]);
    });
    after(async () => {
      for (const k of killers) await k.stop().catch(() => undefined);
      await bus?.close();
      await deleteNamespace(backends.kafkaBrokers, namespace);
      await ds?.destroy();
      await db?.drop();
    });

    it(`${SCALE.events} events over ${SCALE.aggregates} contacts, ${SCALE.kills} kills + ${SCALE.restarts} graceful restarts: read model = fold, 0 duplicates, 0 gaps, lag 0 within 60 s`, async (t) => {
      const seed = faultSeed('C2 projector kills');
      const rnd = seededRandom(seed);
      const worker: ProjectorWorkerConfig = { databaseUrl: db.url!, redisUrl: backends.redisUrl!, brokers: backends.kafkaBrokers, namespace };
      const spawnArgs = [join(__dirname, '../testing/projector-worker.js'), JSON.stringify(worker)];
      // instance A: killed, mostly with SIGKILL; instance B: stopped gracefully and restarted (rebalances)
      const a = startProcessKiller({
        command: process.execPath,
        args: spawnArgs,
        seed,
        kills: SCALE.kills,
        uptimeMs: [500, 2000],
        signals: ['SIGKILL', 'SIGKILL', 'SIGTERM'],
        readyLine: /^projector ready$/,
      });
      const b = startProcessKiller({
        command: process.execPath,
        args: spawnArgs,
        seed: seed + 1,
        kills: SCALE.restarts,
        uptimeMs: [2000, 4000],
        signals: ['SIGTERM'],
        readyLine: /^projector ready$/,
      });
      killers.push(a, b);

      // the write side's history: contacts created, then changed at random, published with acks=all
      const ids = Array.from({ length: SCALE.aggregates }, () => randomUUID());
      const history = new Map<string, EventEnvelope[]>();
      const written: HistoryEvent[] = [];
      const envelope = (id: string, version: number, change: Change): EventEnvelope =>
        registry.validate({
          id: randomUUID(),
          ...change,
          schemaVersion: 1,
          tenantId,
          aggregateType: 'contact',
          aggregateId: id,
          aggregateVersion: version,
          occurredAt: new Date(Date.UTC(2026, 0, 1) + written.length * 1000).toISOString(),
          correlationId: 'c2',
          causationId: null,
          actor: { kind: 'system', id: null },
        });
      let faultsDone = false;
      const allKillsDone = Promise.all([a.finished, b.finished]).then(() => (faultsDone = true));
      while (written.length < SCALE.events) {
        const batch: EventEnvelope[] = [];
        for (let i = 0; i < 20; i++) {
          const n = Math.floor(rnd() * ids.length);
          const id = ids[n]!;
          const events = history.get(id) ?? [];
          const e = envelope(id, events.length + 1, events.length === 0 ? created(n) : laterChange(rnd, events.length + 1));
          history.set(id, [...events, e]);
          written.push({ aggregateId: id, version: e.aggregateVersion });
          batch.push(e);
        }
        await bus.publish(batch.map((e) => toBusMessage(CONTACTS_TOPIC, e)));
        await sleep(faultsDone ? 0 : 60); // spread the load over the fault window
      }
      await allKillsDone;
      const lastFault = Date.now();

      const group = `${namespace}.${PROJECTOR_GROUP}`;
      const topic = `${namespace}.${CONTACTS_TOPIC}`;
      try {
        await waitFor('group lag 0 and every view at its last version', 60_000, async () => {
          if ((await groupLag(backends.kafkaBrokers, group, [topic])) > 0) return false;
          const [{ n } = { n: 0 }] = (await ds.query(`SELECT count(*)::int AS n FROM contact_views WHERE tenant_id = $1`, [tenantId])) as {
            n: number;
          }[];
          const [{ v } = { v: 0 }] = (await ds.query(`SELECT coalesce(sum(version), 0)::int AS v FROM contact_views WHERE tenant_id = $1`, [
            tenantId,
          ])) as { v: number }[];
          return n === history.size && v === written.length;
        });
      } catch (err) {
        const [state] = (await ds.query(
          `SELECT count(*)::int AS views, coalesce(sum(version), 0)::int AS versions FROM contact_views WHERE tenant_id = $1`,
          [tenantId],
        )) as { views: number; versions: number }[];
        const [audit] = (await ds.query(`SELECT count(*)::int AS n FROM ${DB_SCHEMA}.projection_audit`)) as { n: number }[];
        const lag = await groupLag(backends.kafkaBrokers, group, [topic]);
        const dlq = await groupLag(backends.kafkaBrokers, `${namespace}.nobody`, [`${topic}.dlq`]);
        t.diagnostic(
          `lag ${lag}, dlq ${dlq}, views ${state?.views}/${history.size}, versions ${state?.versions}/${written.length}, applied ${audit?.n}`,
        );
        t.diagnostic(`A:\n${a.tail()}\nB:\n${b.tail()}`);
        throw err;
      }
      const recoveryMs = Date.now() - lastFault;

      const rows = (await ds.query(`SELECT id, version, deleted, doc FROM contact_views WHERE tenant_id = $1`, [tenantId])) as Parameters<
        typeof rowToView
      >[0][];
      const applied = (await ds.query(`SELECT id AS "aggregateId", version FROM ${DB_SCHEMA}.projection_audit ORDER BY seq`)) as HistoryEvent[];
      const report = checkHistory(written, applied, { duplicates: 'forbidden', finalVersions: new Map(rows.map((r) => [r.id, Number(r.version)])) });
      const figures = {
        seed,
        events: written.length,
        contacts: history.size,
        kills: a.kills.map((k) => k.signal),
        gracefulRestarts: b.kills.length,
        duplicateApplications: report.duplicateCount,
        gaps: report.gaps.length,
        missing: report.missing.length,
        recoveryMs,
      };
      t.diagnostic(`C2 figures: ${JSON.stringify(figures)}`);
      assert.equal(a.kills.length, SCALE.kills);
      assert.equal(b.kills.length, SCALE.restarts);
      assert.ok(report.ok, formatHistoryReport(report));

      // the stored view of every contact equals the fold of its events
      const plain = (v: ContactView) => JSON.parse(JSON.stringify(v)) as unknown;
      for (const row of rows) {
        const events = history.get(row.id)!;
        const expected = events.reduce<ContactView | null>((view, e) => projectContact(view, e as ContactEvent), null)!;
        assert.deepEqual(plain(rowToView(row)), plain(expected), `view of ${row.id}`);
      }
      assert.ok(recoveryMs <= 60_000, `lag back to 0 after ${recoveryMs} ms`);
    });
  },
);
