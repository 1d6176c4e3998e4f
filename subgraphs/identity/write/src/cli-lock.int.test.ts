import 'reflect-metadata';
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTITY_SECRET_FILE, LOCK_FILE } from '@crm/platform/data-dir';
import { runCli } from './admin/run-cli';

const CLI = join(__dirname, 'cli.js');
const DATA_DIR_LIB = require.resolve('@crm/platform/data-dir');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 150_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A process that holds DATA_DIR the way `npm start` does (same lock, same library). */
async function holdDataDir(dataDir: string): Promise<ChildProcess> {
  const script = `require(${JSON.stringify(DATA_DIR_LIB)}).lockDataDir(${JSON.stringify(dataDir)}, 'npm start'); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return child;
}

describe('admin CLI on the embedded database of a running platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-admin-lock-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  // no IDENTITY_SECRET in the environment: the CLI uses the one `npm start` keeps in DATA_DIR
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  writeFileSync(join(dataDir, IDENTITY_SECRET_FILE), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });

  it('refuses while another process holds the data folder, names it, exits non-zero and writes nothing', async () => {
    const holder = await holdDataDir(dataDir);
    try {
      const before = readdirSync(dataDir).sort();
      const run = await cli(env, 'create-tenant', '--name', 'Lost Co', '--owner-email', 'owner@lost.test');
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, new RegExp(`in use by npm start \\(pid ${holder.pid}`));
      assert.match(run.stderr, /Stop the platform/);
      assert.doesNotMatch(run.stdout, /Tenant created/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(readdirSync(dataDir).sort(), before, 'no database was created or opened');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
  });

  it('takes over the lock of a platform that is gone, finds IDENTITY_SECRET in DATA_DIR, and releases the lock', async () => {
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), 'the killed holder left its lock behind');
    // in process (the CLI's entry, its real database opening): a spawned CLI would load PGlite and
    // migrate a new database in a child, which takes minutes on a loaded 2-core machine
    const run: Run = { code: -1, stdout: '', stderr: '' };
    run.code = await runCli(['create-tenant', '--name', 'Kept Co', '--owner-email', 'owner@kept.test', '--json'], env, {
      stdout: (t) => void (run.stdout += t),
      stderr: (t) => void (run.stderr += t),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(JSON.parse(run.stdout).tenantId, /^[0-9a-f-]{36}$/);
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'the CLI removes its lock when done');
    // (another IDENTITY_SECRET than the database's is refused with exit 78: cli.int.test.ts, in process)
  });

  it('without IDENTITY_SECRET and no kept secret, says where the secret comes from (exit 78)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'crm-admin-nosecret-'));
    try {
      const run = await cli({ DATA_DIR: empty, DATABASE_URL: '' }, 'list-keys', '--tenant', '01a227f4-e519-7789-b317-458840f724c9');
      assert.equal(run.code, 78);
      assert.match(run.stderr, /IDENTITY_SECRET: is required .*npm start.*DATA_DIR\/identity-secret/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
