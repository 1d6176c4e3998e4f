import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';
import { testBackends } from '../testing/env';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { createDataSource } from './data-source';
import { claimIdempotencyKey, completeIdempotencyKey, CreateIdempotencyKeys1733000000001, hashRequest } from './idempotency';

const logger = pino({ level: 'silent' });
const backends = testBackends();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isApp = (code: string, reason: string) => (err: unknown) => err instanceof AppError && err.code === code && err.reason === reason;

describe('hashRequest', () => {
  it('is stable and sensitive to the request', () => {
    assert.equal(hashRequest({ a: 1, b: [1, 2] }), hashRequest({ a: 1, b: [1, 2] }));
    assert.notEqual(hashRequest({ a: 1 }), hashRequest({ a: 2 }));
    assert.match(hashRequest('x'), /^[0-9a-f]{64}$/);
  });
});

function idempotencySuite(label: string, open: () => Promise<{ ds: DataSource; cleanup: () => Promise<void> }>) {
  describe(`idempotency keys (${label})`, () => {
    let ds: DataSource;
    let cleanup: () => Promise<void>;
    let n = 0;
    const freshKey = () => `key-${label.replace(/\W/g, '')}-${Date.now()}-${++n}`;

    before(async () => {
      ({ ds, cleanup } = await open());
    });
    after(async () => {
      await ds.destroy();
      await cleanup();
    });

    /** One "request": claim, execute on first use, complete, all in one transaction. */
    async function handle(
      key: string,
      request: unknown,
      execute: () => Promise<unknown>,
      tenant = 't1',
    ): Promise<{ executed: boolean; result: unknown }> {
      return ds.transaction(async (m) => {
        const claimed = await claimIdempotencyKey<unknown>(m, tenant, 'widgets.create', key, hashRequest(request));
        if (claimed) return { executed: false, result: claimed.replay };
        const result = await execute();
        await completeIdempotencyKey(m, tenant, 'widgets.create', key, result);
        return { executed: true, result };
      });
    }

    it('executes on first claim and replays the stored result afterwards', async () => {
      const key = freshKey();
      const first = await handle(key, { name: 'a' }, async () => ({ id: 'w1', tags: ['x'] }));
      assert.deepEqual(first, { executed: true, result: { id: 'w1', tags: ['x'] } });
      const again = await handle(key, { name: 'a' }, async () => assert.fail('must not execute twice'));
      assert.deepEqual(again, { executed: false, result: { id: 'w1', tags: ['x'] } });
    });

    it('replays scalar, string and null results faithfully', async () => {
      for (const value of ['w-123', '42', 0, false, null, [1, 'two']]) {
        const key = freshKey();
        await handle(key, { v: value }, async () => value);
        const again = await handle(key, { v: value }, async () => assert.fail('must not execute twice'));
        assert.deepEqual(again, { executed: false, result: value }, JSON.stringify(value));
      }
    });

    it('rejects a reused key with a different request', async () => {
      const key = freshKey();
      await handle(key, { name: 'a' }, async () => ({ id: 'w1' }));
      await assert.rejects(
        handle(key, { name: 'b' }, async () => assert.fail('must not execute')),
        (err: unknown) => isApp('CONFLICT', 'IDEMPOTENCY_KEY_REUSED')(err) && (err as AppError).field === 'idempotencyKey',
      );
    });

    it('scopes keys by tenant', async () => {
      const key = freshKey();
      assert.equal((await handle(key, { name: 'a' }, async () => 't1', 't1')).executed, true);
      assert.equal((await handle(key, { name: 'a' }, async () => 't2', 't2')).executed, true);
      assert.deepEqual(await handle(key, { name: 'a' }, async () => 'no', 't2'), { executed: false, result: 't2' });
    });

    it('releases the key when the first transaction rolls back', async () => {
      const key = freshKey();
      await assert.rejects(
        handle(key, { name: 'a' }, async () => Promise.reject(new Error('command failed'))),
        /command failed/,
      );
      assert.deepEqual(await handle(key, { name: 'a' }, async () => 'second try'), { executed: true, result: 'second try' });
    });

    it('reports a committed but never completed key as in progress', async () => {
      const key = freshKey();
      await ds.transaction((m) => claimIdempotencyKey(m, 't1', 'widgets.create', key, hashRequest(1)));
      await assert.rejects(
        handle(key, 1, async () => 'x'),
        isApp('CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'),
      );
    });

    it('validates the key format', async () => {
      for (const key of ['short', 'has space in it', 'x'.repeat(256), 'bad/slash-key']) {
        await assert.rejects(
          handle(key, 1, async () => 'x'),
          isApp('VALIDATION', 'INVALID_IDEMPOTENCY_KEY'),
          key,
        );
      }
    });

    it('executes exactly once under concurrent claims of one key', async () => {
      const key = freshKey();
      let executions = 0;
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () =>
          handle(key, { name: 'same' }, async () => {
            executions++;
            await sleep(40);
            return { id: 'only-one' };
          }),
        ),
      );
      assert.equal(executions, 1);
      assert.equal(outcomes.filter((o) => o.executed).length, 1);
      for (const o of outcomes) assert.deepEqual(o.result, { id: 'only-one' });
    });
  });
}

const migrationsOnly = { dataDir: '.data', schema: 'idem', entities: [], migrations: [CreateIdempotencyKeys1733000000001], migrate: true, logger };

idempotencySuite('embedded PGlite', async () => ({
  ds: await createDataSource({ service: 'idem', inMemory: true, ...migrationsOnly }),
  cleanup: async () => undefined,
}));

if (backends.databaseUrl) {
  let db: TestDatabase;
  idempotencySuite('PostgreSQL', async () => {
    db = await createTestDatabase(backends.databaseUrl, 'idempotency');
    return { ds: await createDataSource({ service: 'idem', databaseUrl: db.url, poolSize: 10, ...migrationsOnly }), cleanup: () => db.drop() };
  });
}
