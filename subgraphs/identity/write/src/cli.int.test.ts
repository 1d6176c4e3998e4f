import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { InMemoryBus, registry } from '@crm/event-bus';
import { signPrincipal, PRINCIPAL_HEADER } from '@crm/platform/auth';
import { createTestDatabase, testBackends, type TestDatabase } from '@crm/platform/testing';
import { parseCliConfig, parseConfig } from './env';
import { startIdentityWrite } from './service';
import { openDatabase, runCli, type OpenDatabase } from './admin/run-cli';

const CLI = join(__dirname, 'cli.js');
const backends = testBackends();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as a user runs it: its own process. Each run that opens a database loads the database
 * driver and checks the migrations, which takes seconds to a minute on a loaded machine, so only a
 * few runs spawn (usage, exit codes, one real command per backend); the commands' behaviour is
 * checked in process (`inProcess`) on one migrated database, through the same code.
 */
function spawned(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 150_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The CLI's own entry (arguments, configuration, data-folder lock, command, exit code) on an open database. */
async function inProcess(db: OpenDatabase, env: Record<string, string>, ...args: string[]): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '' };
  const out = { stdout: (t: string) => void (run.stdout += t), stderr: (t: string) => void (run.stderr += t) };
  // the command closes what it opened: here the shared database stays open for the next command
  run.code = await runCli(args, env, out, () => Promise.resolve({ dataSource: db.dataSource, close: () => Promise.resolve() }));
  return run;
}

const json = (run: Run): Record<string, any> => {
  assert.equal(run.code, 0, `exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, any>;
};

const noStack = (run: Run) => assert.doesNotMatch(run.stderr, /\n\s+at /, `stack trace printed:\n${run.stderr}`);

describe('admin CLI process: usage and exit codes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-admin-cli-usage-'));
  const env = { DATA_DIR: dataDir, IDENTITY_SECRET: randomBytes(32).toString('hex'), DATABASE_URL: '' };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints usage and refuses bad invocations with a message, a non-zero exit and no stack trace', async () => {
    const [help, unknown, missing, noSecret] = await Promise.all([
      spawned(env, '--help'),
      spawned(env, 'drop-everything'),
      spawned(env, 'create-tenant', '--name', 'Acme'),
      spawned({ DATA_DIR: dataDir }, 'list-keys', '--tenant', '01a227f4-e519-7789-b317-458840f724c9'),
    ]);
    assert.equal(help.code, 0);
    for (const c of ['create-tenant', 'create-user', 'create-key', 'rotate-key', 'revoke-key', 'list-keys']) assert.match(help.stdout, new RegExp(c));

    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "drop-everything"/);
    assert.match(unknown.stderr, /Usage: npm run admin/);

    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --owner-email/);

    assert.equal(noSecret.code, 78);
    assert.match(noSecret.stderr, /IDENTITY_SECRET: is required/);
    for (const run of [unknown, missing, noSecret]) noStack(run);
  });
});

describe('admin CLI commands (embedded database in a temporary DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-admin-cli-'));
  const identitySecret = randomBytes(32).toString('hex');
  const env = { DATA_DIR: dataDir, IDENTITY_SECRET: identitySecret, DATABASE_URL: '' };
  let tenant: Record<string, any>;
  const shownKeys: string[] = [];
  // one database, opened and migrated the way the CLI does, for every command of this block
  let db: OpenDatabase | undefined;
  const cli = (e: Record<string, string>, ...args: string[]) => inProcess(db!, e, ...args);

  before(async () => {
    db = await openDatabase(parseCliConfig(env));
  });
  after(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses bad values, unknown tenants and bad invocations with a message, a non-zero exit and no stack trace', async () => {
    const unknown = await cli(env, 'drop-everything');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "drop-everything"/);

    const noSecret = await cli({ DATA_DIR: dataDir }, 'list-keys', '--tenant', '01a227f4-e519-7789-b317-458840f724c9');
    assert.equal(noSecret.code, 78);
    assert.match(noSecret.stderr, /IDENTITY_SECRET: is required/);

    const badEmail = await cli(env, 'create-tenant', '--name', 'Acme', '--owner-email', 'nope');
    assert.equal(badEmail.code, 1);
    assert.match(badEmail.stderr, /^error: --owner-email: is not a valid email address/);

    const badTenant = await cli(env, 'list-keys', '--tenant', "1' OR '1'='1");
    assert.equal(badTenant.code, 1);
    assert.match(badTenant.stderr, /^error: --tenant: must be a UUID/);

    const noTenant = await cli(env, 'list-keys', '--tenant', '01a227f4-e519-7789-b317-458840f724c9');
    assert.equal(noTenant.code, 1);
    assert.match(noTenant.stderr, /tenant 01a227f4-e519-7789-b317-458840f724c9 was not found/);
    for (const run of [unknown, noSecret, badEmail, badTenant, noTenant]) noStack(run);
  });

  it('create-tenant prints the tenant id, a generated owner password, the public and the secret key once', async () => {
    const text = await cli(env, 'create-tenant', '--name', 'Text Co', '--owner-email', 'owner@text.test', '--app-name', 'Shop');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /tenant id: +[0-9a-f-]{36}/);
    assert.match(text.stdout, /owner password: +\S{24} +\(generated, shown once\)/);
    assert.match(text.stdout, /public key: +crm_pk_live_\w{49}/);
    assert.match(text.stdout, /secret key: +crm_sk_live_\w{49}/);

    tenant = json(await cli(env, 'create-tenant', '--name', 'Acme', '--owner-email', 'Owner@Acme.test', '--json'));
    assert.match(tenant['tenantId'], /^[0-9a-f-]{36}$/);
    assert.match(tenant['publicApiKey'], /^crm_pk_live_/);
    assert.match(tenant['secretApiKey'], /^crm_sk_live_/);
    assert.equal(typeof tenant['ownerPassword'], 'string');
    assert.equal(tenant['ownerEmail'], 'owner@acme.test');
    shownKeys.push(tenant['publicApiKey'], tenant['secretApiKey']);

    // keys made with another IDENTITY_SECRET than the database's would never work: refused
    const otherSecret = await cli({ ...env, IDENTITY_SECRET: randomBytes(32).toString('hex') }, 'list-keys', '--tenant', tenant['tenantId']);
    assert.equal(otherSecret.code, 78);
    assert.match(otherSecret.stderr, /IDENTITY_SECRET: differs from the secret this database's token-signing keys were sealed with/);
    noStack(otherSecret);
  });

  it('create-key then list-keys: the list shows only masked keys', async () => {
    const key = json(
      await cli(
        env,
        'create-key',
        '--tenant',
        tenant['tenantId'],
        '--application',
        tenant['applicationId'],
        '--role',
        'Agent',
        '--name',
        'CRM sync',
        '--env',
        'test',
        '--json',
      ),
    );
    assert.match(key['key'], /^crm_sk_test_\w{49}$/);
    assert.equal(key['role'], 'agent');
    assert.equal(key['masked'], `crm_sk_test_...${(key['key'] as string).slice(-4)}`);
    shownKeys.push(key['key']);

    const unknownRole = await cli(env, 'create-key', '--tenant', tenant['tenantId'], '--application', tenant['applicationId'], '--role', 'superuser');
    assert.equal(unknownRole.code, 1);
    assert.match(unknownRole.stderr, /no role named "superuser" in this tenant \(roles: admin, agent, finance, owner, read_only\)/);
    const badEnv = await cli(
      env,
      'create-key',
      '--tenant',
      tenant['tenantId'],
      '--application',
      tenant['applicationId'],
      '--role',
      'agent',
      '--env',
      'prod',
    );
    assert.match(badEnv.stderr, /--env: must be live or test/);

    const list = await cli(env, 'list-keys', '--tenant', tenant['tenantId']);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trim().split('\n');
    assert.equal(lines.length, 4, list.stdout);
    assert.match(lines[0]!, /^ID +KIND +ENV +STATUS +KEY/);
    assert.match(list.stdout, /crm_sk_test_\.\.\.\w{4}/);
    assert.match(list.stdout, /CRM sync/);
    for (const k of shownKeys) {
      assert.ok(!list.stdout.includes(k), 'a full key was listed');
      assert.ok(list.stdout.includes(`...${k.slice(-4)}`), 'each key is listed masked');
    }
    const listed = json(await cli(env, 'list-keys', '--tenant', tenant['tenantId'], '--json'));
    assert.equal(listed['keys'].length, 3);
    const raw = JSON.stringify(listed);
    for (const k of shownKeys) assert.ok(!raw.includes(k) && !raw.includes(k.slice(12, -4)));
  });

  it('create-user, rotate-key and revoke-key', async () => {
    const user = json(
      await cli(
        env,
        'create-user',
        '--tenant',
        tenant['tenantId'],
        '--email',
        'agent@acme.test',
        '--role',
        'read_only',
        '--first-name',
        'Ann',
        '--json',
      ),
    );
    assert.match(user['userId'], /^[0-9a-f-]{36}$/);
    assert.equal(user['role'], 'read_only');
    assert.equal(typeof user['password'], 'string');
    tenant['agentPassword'] = user['password'];
    const weak = await cli(
      env,
      'create-user',
      '--tenant',
      tenant['tenantId'],
      '--email',
      'weak@acme.test',
      '--role',
      'agent',
      '--password',
      'password123',
    );
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /--password: is too common/);
    const dup = await cli(env, 'create-user', '--tenant', tenant['tenantId'], '--email', 'AGENT@acme.test', '--role', 'agent');
    assert.match(dup.stderr, /already exists/);

    const keys = json(await cli(env, 'list-keys', '--tenant', tenant['tenantId'], '--json'))['keys'] as { id: string; kind: string; env: string }[];
    const testKey = keys.find((k) => k.env === 'test')!;
    const badHours = await cli(env, 'rotate-key', '--tenant', tenant['tenantId'], '--key-id', testKey.id, '--old-expires-in-hours', 'soon');
    assert.equal(badHours.code, 1);
    assert.match(badHours.stderr, /--old-expires-in-hours/);
    const rotated = json(
      await cli(env, 'rotate-key', '--tenant', tenant['tenantId'], '--key-id', testKey.id, '--old-expires-in-hours', '2', '--json'),
    );
    assert.match(rotated['key'], /^crm_sk_test_/);
    const hoursAhead = (new Date(rotated['oldKeyExpiresAt']).getTime() - Date.now()) / 3_600_000;
    assert.ok(hoursAhead > 1.9 && hoursAhead <= 2, `old key expiry ${hoursAhead}h ahead`);
    shownKeys.push(rotated['key']);
    tenant['rotatedKey'] = rotated['key'];

    const revoked = await cli(env, 'revoke-key', '--tenant', tenant['tenantId'], '--key-id', testKey.id);
    assert.equal(revoked.code, 0, revoked.stderr);
    const again = await cli(env, 'revoke-key', '--tenant', tenant['tenantId'], '--key-id', testKey.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /was not found/);
    const after = json(await cli(env, 'list-keys', '--tenant', tenant['tenantId'], '--json'))['keys'] as { id: string; status: string }[];
    assert.equal(after.find((k) => k.id === testKey.id)!.status, 'REVOKED');
    assert.equal(after.length, 4);
  });

  it('the service on the same database accepts what the CLI created and publishes its outbox', async () => {
    // the service joins the process's open embedded database (one PGlite per DATA_DIR and process)
    const internalSecret = randomBytes(32).toString('hex');
    const logger = pino({ level: 'silent' });
    const bus = new InMemoryBus(registry, logger);
    const service = await startIdentityWrite(
      parseConfig({
        INTERNAL_AUTH_SECRET: internalSecret,
        IDENTITY_SECRET: identitySecret,
        IDENTITY_WRITE_PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        OUTBOX_POLL_MS: '20',
      }),
      {
        bus,
        logger,
      },
    );
    try {
      const resolve = async (key: string) => {
        const res = await fetch(`${service.http.url}/internal/api-keys/resolve`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [PRINCIPAL_HEADER]: signPrincipal(
              { tenantId: tenant['tenantId'], kind: 'service', subjectId: 'gateway', permissions: [] },
              internalSecret,
            ),
          },
          body: JSON.stringify({ key }),
        });
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      const secret = await resolve(tenant['secretApiKey']);
      assert.equal(secret.status, 200);
      assert.equal(secret.body['tenantId'], tenant['tenantId']);
      assert.ok((secret.body['permissions'] as string[]).includes('users.manage'), 'the admin secret key carries the admin role');
      assert.equal((await resolve(tenant['rotatedKey'])).body['kind'], 'secret');

      const signIn = await fetch(`${service.http.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: signPrincipal({ tenantId: tenant['tenantId'], kind: 'anonymous', subjectId: null, permissions: [] }, internalSecret),
        },
        body: JSON.stringify({
          query: `mutation($i: AuthenticateUserInput!) { authenticateUser(input: $i) { tokens { sessionId } } }`,
          variables: { i: { username: 'agent@acme.test', password: tenant['agentPassword'] } },
        }),
      });
      const body = (await signIn.json()) as { data?: { authenticateUser: { tokens: { sessionId: string } | null } } };
      assert.ok(body.data?.authenticateUser.tokens?.sessionId, 'the CLI-created user signs in with the printed password');

      // events the CLI wrote to the outbox are published by the service's relay
      const deadline = Date.now() + 10_000;
      let pending = -1;
      while (Date.now() < deadline) {
        pending = Number(
          ((await service.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[])[0]!.n,
        );
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(pending, 0);
      const types = (
        (await service.dataSource.query(`SELECT DISTINCT payload->>'type' AS t FROM outbox WHERE payload->>'tenantId' = $1`, [
          tenant['tenantId'],
        ])) as { t: string }[]
      )
        .map((r) => r.t)
        .sort();
      assert.deepEqual(types, [
        'api_key.created',
        'api_key.revoked',
        'api_key.rotated',
        'role.created',
        'tenant.application_created',
        'tenant.created',
        'user.created',
      ]);
    } finally {
      await service.stop();
      await bus.close();
    }
  });
});

describe('admin CLI (PostgreSQL via DATABASE_URL)', { skip: backends.databaseUrl ? false : 'DATABASE_URL is not set' }, () => {
  let db: TestDatabase;
  const env = () => ({ DATABASE_URL: db.url!, IDENTITY_SECRET: randomBytes(32).toString('hex') });
  before(async () => {
    db = await createTestDatabase(backends.databaseUrl, 'identity_cli');
  });
  after(async () => {
    await db?.drop();
  });

  it('create-tenant then list-keys', async () => {
    const e = env();
    const created = json(
      await spawned(e, 'create-tenant', '--name', 'Pg Co', '--owner-email', 'owner@pg.test', '--owner-password', 'Given-password-1', '--json'),
    );
    assert.equal(created['ownerPassword'], undefined, 'a given password is not echoed');
    const list = await spawned(e, 'list-keys', '--tenant', created['tenantId']);
    assert.equal(list.code, 0, list.stderr);
    assert.ok(!list.stdout.includes(created['secretApiKey']) && list.stdout.includes(`...${(created['secretApiKey'] as string).slice(-4)}`));
  });
});
