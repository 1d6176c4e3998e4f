import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir, lockHolder, lockPath } from './lock';

describe('data folder lock', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'crm-lock-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is refused while a live process holds it, naming that process', async () => {
    const dir = fresh();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockPath(dir), JSON.stringify({ pid: holder.pid, command: 'npm start', startedAt: '2026-01-01T00:00:00.000Z' }));
      assert.throws(
        () => lockDataDir(dir, 'npm run admin'),
        (err: unknown) => err instanceof DataDirLockedError && /in use by npm start \(pid \d+/.test(err.message) && err.holder.pid === holder.pid,
      );
      assert.equal(lockHolder(dir)?.pid, holder.pid);
      assert.equal(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid, holder.pid, 'the holder keeps its lock');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock whose process is gone, and releases it', () => {
    const dir = fresh();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockPath(dir), JSON.stringify({ pid: Number(gone.stdout), command: 'npm start', startedAt: 'then' }));
    assert.equal(lockHolder(dir), null, 'a dead holder does not count');
    const lock = lockDataDir(dir, 'npm start');
    assert.equal(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
    assert.throws(() => lockDataDir(dir, 'npm start'), DataDirLockedError, 'a second taker in the same folder is refused');
    lock.release();
    assert.equal(existsSync(lockPath(dir)), false);
  });

  it(
    'treats a lock whose pid now belongs to a process other than Node.js as stale (pid reused)',
    { skip: process.platform !== 'linux' },
    async () => {
      const dir = fresh();
      const other = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        writeFileSync(lockPath(dir), JSON.stringify({ pid: other.pid, command: 'npm start', startedAt: 'before a reboot' }));
        const lock = lockDataDir(dir, 'npm start');
        lock.release();
      } finally {
        other.kill('SIGKILL');
      }
    },
  );

  it('treats an unreadable lock file as stale', () => {
    const dir = fresh();
    writeFileSync(lockPath(dir), '{"pid":');
    const lock = lockDataDir(dir, 'npm start');
    lock.release();
    assert.equal(existsSync(lockPath(dir)), false);
  });
});
