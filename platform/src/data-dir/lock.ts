import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File under DATA_DIR naming the process that holds it (`npm start`, the admin CLI). */
export const LOCK_FILE = 'platform.lock';

export interface LockHolder {
  pid: number;
  /** What holds it, for the message another process prints (`npm start`, `npm run admin`). */
  command: string;
  startedAt: string;
}

/** Another live process holds the data folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`${dataDir} is in use by ${holder.command} (pid ${holder.pid}, since ${holder.startedAt})`);
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still this process's (also done when the process exits). */
  release(): void;
}

export const lockPath = (dataDir: string): string => join(dataDir, LOCK_FILE);

/** The live holder of `dataDir`, or null when it is free (no lock file, or a stale one). */
export function lockHolder(dataDir: string): LockHolder | null {
  const holder = readHolder(lockPath(dataDir));
  return holder && isAlive(holder.pid) ? holder : null;
}

/**
 * Takes the data folder for this process, so two processes never open its embedded databases at
 * once (PGlite has no multi-process access: both would write and one would lose data). The lock
 * is a file created exclusively, holding this process's pid; a lock whose process is gone (killed,
 * crashed) is stale and taken over. Throws DataDirLockedError when a live process holds it.
 */
export function lockDataDir(dataDir: string, command: string): DataDirLock {
  const path = lockPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const mine: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(mine)}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        const holder = readHolder(path);
        if (holder) throw new DataDirLockedError(dataDir, holder);
        throw err;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
      removeIfUnchanged(path, holder); // stale: its process is gone
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const holder = readHolder(path);
    if (holder?.pid === process.pid) removeIfUnchanged(path, holder);
  };
  process.on('exit', release);
  return { path, release };
}

function readHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return { pid: parsed.pid, command: String(parsed.command ?? 'another process'), startedAt: String(parsed.startedAt ?? 'unknown') };
    }
  } catch {
    // unreadable (a crash mid-write): treated as stale
  }
  return null;
}

function removeIfUnchanged(path: string, expected: LockHolder | null): void {
  const now = readHolder(path);
  if (JSON.stringify(now) !== JSON.stringify(expected)) return;
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Signal 0 checks that a process exists (EPERM: it exists but belongs to another user). Where
 * /proc shows it (Linux), a process that is not Node.js is a pid reused after a crash or reboot.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true; // no /proc here, or not readable: the pid check is all there is
  }
  return cmdline === '' || /node/i.test(cmdline);
}
