import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { InMemoryBus, registry } from '@crm/event-bus';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseConfig } from './env';
import { startEngagementWrite, type EngagementWriteService } from './service';
import type { Caller } from './application/engagement-commands';

const backends = testBackends();
const logger = pino({ level: 'silent' });

/** A port nothing listens on (taken, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function until<T>(what: string, cond: () => Promise<T | null | undefined | false>, boundMs = 60_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Durability of the delivery: the SMTP server is down while engagement-write runs, the service
 * stops with the email PENDING after failed attempts; a new process on the same database delivers
 * it (nothing was held in memory) exactly once to the server that is up now.
 */
describe(`communication delivery survives a restart (${backends.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`, () => {
  let db: TestDatabase;
  let bus: InMemoryBus;
  let service: EngagementWriteService | null = null;
  let smtp: SMTPServer;
  const received: string[] = [];
  const tenantId = `t_${randomBytes(6).toString('hex')}`;
  const caller: Caller = {
    tenantId,
    correlationId: 'restart-test',
    actor: { kind: 'user', id: 'u1' },
    principal: { tenantId, kind: 'user', subjectId: 'u1', permissions: ['engagement.write'] },
  };
  const env = (smtpUrl: string) =>
    parseConfig({
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      ENGAGEMENT_WRITE_PORT: '0',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
      SMTP_URL: smtpUrl,
      COMMS_MAX_ATTEMPTS: '50',
      COMMS_RETRY_BASE_MS: '20',
      COMMS_POLL_MS: '20',
    });
  const row = async (id: string) =>
    (
      (await service!.dataSource.query(`SELECT state, doc FROM communications WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as {
        state: string;
        doc: { attempts: number; lastError: string | null };
      }[]
    )[0];

  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'engagement_comms_restart');
    bus = new InMemoryBus(registry, logger);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await service?.stop();
    await bus?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await db?.drop();
  });

  it('keeps a failing email PENDING across a stop and delivers it after the restart, once', async () => {
    service = await startEngagementWrite(env(`smtp://127.0.0.1:${await deadPort()}`), { bus, logger, inMemoryDb: !db.url });
    const sent = await service.communications.send(
      caller,
      { name: 'Statement', channel: 'EMAIL', language: 'ENG', contactId: null, recipient: 'later@example.test', subject: 'Statement', content: 'Hi' },
      null,
    );
    const id = sent.state.id;
    const failing = await until('failed attempts', async () => {
      const r = await row(id);
      return r && r.doc.attempts >= 2 ? r : null;
    });
    assert.equal(failing.state, 'PENDING');
    assert.match(failing.doc.lastError ?? '', /SMTP/);
    await service.stop();
    service = null;

    const port = (smtp.server.address() as AddressInfo).port;
    service = await startEngagementWrite(env(`smtp://127.0.0.1:${port}`), { bus, logger, inMemoryDb: !db.url });
    const delivered = await until('the delivery after the restart', async () => {
      const r = await row(id);
      return r?.state === 'COMPLETED' ? r : null;
    });
    assert.ok(delivered.doc.attempts > failing.doc.attempts);
    assert.deepEqual(received, ['later@example.test']);
    // nothing is delivered twice: a later poll finds nothing due
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(received, ['later@example.test']);
  });
});
