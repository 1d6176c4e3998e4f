import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const START_ALL = resolve(__dirname, '../start-all.js');
const DATA_DIR_LIB = require.resolve('@crm/platform/data-dir');

/** `npm start`'s process with only the given environment (as on a bare production host). */
function startAll(env: Record<string, string>) {
  return spawnSync(process.execPath, [START_ALL], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
}

const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at /, `stack trace printed:\n${stderr}`);

describe('npm start refuses what it cannot run, with a message and no stack', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'crm-start-config-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('NODE_ENV=production: no development defaults, every missing secret listed once, exit 78', () => {
    const dataDir = fresh();
    const r = startAll({ NODE_ENV: 'production', DATA_DIR: dataDir });
    assert.equal(r.status, 78, r.stderr);
    assert.match(r.stderr, /invalid configuration for npm start/);
    assert.match(
      r.stderr,
      /INTERNAL_AUTH_SECRET: is required \(at least 32 characters\) \[contacts-write, contacts-read, identity-write, identity-read, gateway\]/,
    );
    assert.match(r.stderr, /IDENTITY_SECRET: is required.*\[identity-write\]/);
    assert.equal(r.stderr.match(/INTERNAL_AUTH_SECRET/g)?.length, 1, 'each problem once');
    assert.doesNotMatch(r.stderr, /DEV_AUTH_ENABLED|DEV_OUTBOX_ENABLED/, 'the development flags are not turned on in production');
    noStack(r.stderr);
    assert.deepEqual(readdirSync(dataDir), [], 'no secret generated, no lock taken');
  });

  it('NODE_ENV=production with a development flag set: refused, naming it', () => {
    const r = startAll({
      NODE_ENV: 'production',
      DATA_DIR: fresh(),
      DEV_AUTH_ENABLED: 'true',
      INTERNAL_AUTH_SECRET: 'x'.repeat(40),
      IDENTITY_SECRET: 'y'.repeat(40),
    });
    assert.equal(r.status, 78, r.stderr);
    assert.match(r.stderr, /DEV_AUTH_ENABLED: must not be true when NODE_ENV=production .*\[gateway\]/);
    assert.doesNotMatch(r.stderr, /_SECRET/);
    noStack(r.stderr);
  });

  it('refuses to start a second time on a data folder a live platform holds', async () => {
    const dataDir = fresh();
    const script = `require(${JSON.stringify(DATA_DIR_LIB)}).lockDataDir(${JSON.stringify(dataDir)}, 'npm start'); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
    const holder: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => holder.stdout!.once('data', r));
    try {
      const r = startAll({
        DATA_DIR: dataDir,
        GATEWAY_PORT: '0',
        CONTACTS_WRITE_PORT: '0',
        CONTACTS_READ_PORT: '0',
        IDENTITY_WRITE_PORT: '0',
        IDENTITY_READ_PORT: '0',
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`already running on this data folder: .* in use by npm start \\(pid ${holder.pid}`));
      noStack(r.stderr);
      assert.equal(existsSync(join(dataDir, 'identity-write')), false, 'no embedded database opened');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
