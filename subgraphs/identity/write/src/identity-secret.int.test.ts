import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { ConfigError } from '@crm/platform/config';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from './env';
import { startIdentityWrite } from './service';

const backends = testBackends();
const logger = pino({ level: 'silent' });

describe('identity-write started with another IDENTITY_SECRET than its database was sealed with', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-identity-secret-'));
  const config = (identitySecret: string) =>
    parseConfig({
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      IDENTITY_SECRET: identitySecret,
      IDENTITY_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'identity_secret');
  });
  after(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a configuration error naming IDENTITY_SECRET, not a crash', async () => {
    const original = randomBytes(32).toString('hex');
    const first = await startIdentityWrite(config(original), { bus: new InMemoryBus(registry, logger), logger });
    await first.stop();

    await assert.rejects(
      startIdentityWrite(config(randomBytes(32).toString('hex')), { bus: new InMemoryBus(registry, logger), logger }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, `a ConfigError, got ${String(err)}`);
        assert.match(err.message, /invalid configuration for identity-write/);
        assert.match(err.message, /IDENTITY_SECRET: differs from the secret this database's token-signing keys were sealed with/);
        assert.doesNotMatch(err.message, /[0-9a-f]{64}/, 'the secret is not echoed');
        return true;
      },
    );

    const again = await startIdentityWrite(config(original), { bus: new InMemoryBus(registry, logger), logger });
    await again.stop();
  });
});
