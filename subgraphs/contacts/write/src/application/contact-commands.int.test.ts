import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { AppError } from '@crm/platform/errors';
import { registry } from '@crm/event-bus';
import { createContact } from '../domain/create-contact';
import { setContactTags } from '../domain/set-contact-tags';
import { databaseConfig } from '../persistence/database';
import { CommandHandler } from '@crm/event-bus/kit';
import { type CommandMeta, ContactCommands, contactAggregate, generateCode, generateReferralCode, newId } from './contact-commands';

const backends = testBackends();
const logger = pino({ level: backends.logLevel });

/** Counts the SQL statements (round trips, BEGIN and COMMIT included) the data source sends. */
function countStatements(ds: DataSource): { sql: string[]; reset(): void } {
  const sql: string[] = [];
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = ((q: string, params?: unknown[], structured?: boolean) => {
      sql.push(q.trim().split(/\s+/).slice(0, 3).join(' '));
      return query(q, params, structured as true);
    }) as typeof runner.query;
    return runner;
  };
  return { sql, reset: () => void sql.splice(0) };
}

describe('contact commands on the kit command handler (round trips, version check, idempotency)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let commands: ContactCommands;
  let kicks = 0;
  let counter: ReturnType<typeof countStatements>;
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const meta = (idempotencyKey?: string): CommandMeta => ({
    principal: { tenantId, kind: 'user', subjectId: 'u1', permissions: [] },
    correlationId: 'corr-rt',
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  const create = (m: CommandMeta, lastName = 'Hopper') =>
    commands.create(
      m,
      (state, now) =>
        createContact(state, { type: 'PERSON', lastName }, { now, newId, generatedCode: generateCode(), referralCode: generateReferralCode() }),
      { lastName },
    );
  const outbox = async (id: string) =>
    (
      (await ds.query(`SELECT payload FROM outbox WHERE message_key = $1 ORDER BY id`, [id])) as {
        payload: { type: string; aggregateVersion: number; correlationId: string; actor: unknown };
      }[]
    ).map((r) => r.payload);

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'contact_cmds');
    ds = await createDataSource({
      ...databaseConfig({ DATABASE_URL: db.url, DATA_DIR: '.data' }, logger),
      entities: [],
      migrate: true,
      inMemory: !db.url,
    });
    commands = new ContactCommands(ds, registry, () => kicks++);
    counter = countStatements(ds);
  });
  after(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('creates in one statement and changes in two (load, then state + outbox), with envelopes from the request context', async () => {
    counter.reset();
    const created = await create(meta());
    assert.deepEqual(counter.sql.length, 1, counter.sql.join(' | '));
    counter.reset();
    const tagged = await commands.change(meta(), created.state.id, (state) =>
      setContactTags(state, { tags: ['vip'] }, { idOrCode: created.state.id }),
    );
    assert.deepEqual(counter.sql.length, 2, counter.sql.join(' | '));
    assert.equal(tagged.state.version, 2);
    const events = await outbox(created.state.id);
    assert.deepEqual(
      events.map((e) => [e.type, e.aggregateVersion, e.correlationId, e.actor]),
      [
        ['contact.created', 1, 'corr-rt', { kind: 'user', id: 'u1' }],
        ['contact.tags_set', 2, 'corr-rt', { kind: 'user', id: 'u1' }],
      ],
    );
    assert.equal(kicks, 2);
  });

  it('a change decided on a stale version writes neither state nor events (optimistic check), and surfaces as a conflict after the retries', async () => {
    const created = await create(meta());
    // a store whose loads are one version behind: as if another writer committed after each load
    let loads = 0;
    const stale = new CommandHandler(
      ds,
      registry,
      {
        ...contactAggregate,
        store: {
          ...contactAggregate.store,
          load: async (q, t, ref) => {
            loads++;
            const state = await contactAggregate.store.load(q, t, ref);
            return state && { ...state, version: state.version - 1 };
          },
        },
      },
      () => undefined,
    );
    await assert.rejects(
      stale.run({ tenantId, correlationId: 'corr-rt', actor: { kind: 'user', id: 'u1' } }, { create: false, ref: created.state.id }, (state) =>
        setContactTags(state, { tags: ['late'] }, { idOrCode: created.state.id }),
      ),
      (err: unknown) => err instanceof AppError && err.reason === 'VERSION_CONFLICT',
    );
    assert.equal(loads, 3);
    assert.deepEqual(
      (await outbox(created.state.id)).map((e) => e.type),
      ['contact.created'],
    );
    const [row] = (await ds.query(`SELECT version, state->'tags' AS tags FROM contacts WHERE id = $1`, [created.state.id])) as {
      version: number;
      tags: string[];
    }[];
    assert.deepEqual([Number(row?.version), row?.tags], [1, []]);
  });

  it('the same idempotency key returns the same contact with no second effect; another request with it is refused', async () => {
    const key = `key-${randomUUID()}`;
    counter.reset();
    const first = await create(meta(key));
    // BEGIN, claim the key, state + outbox + key result in one statement, COMMIT
    assert.deepEqual(counter.sql.length, 4, counter.sql.join(' | '));
    const again = await create(meta(key));
    assert.equal(again.state.id, first.state.id);
    assert.equal(again.events.length, 0);
    assert.equal((await outbox(first.state.id)).length, 1);
    await assert.rejects(create(meta(key), 'Lovelace'), (err: unknown) => err instanceof AppError && err.reason === 'IDEMPOTENCY_KEY_REUSED');
  });
});
