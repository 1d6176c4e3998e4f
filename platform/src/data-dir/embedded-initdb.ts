import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Folder of the embedded database under DATA_DIR (one PGlite for every service, one schema each). */
export const embeddedDbDir = (dataDir: string): string => join(dataDir, 'db');

const creating = new Map<string, Promise<void>>();

/**
 * Makes sure `dir` holds an initialised embedded PostgreSQL (PGlite) database. A fresh one is made
 * by initdb in a child process: it is the most expensive step of a first start (seconds of CPU,
 * and a second PostgreSQL's worth of WebAssembly memory that this process would keep), so it runs
 * beside the process's own start-up and its memory goes with the child. It is made in a temporary
 * folder beside `dir` and renamed into place, so an interrupted run leaves no half-made database.
 * A `dir` that already has files of its own is left to PGlite, as before. Once per folder and
 * process: callers share the first call's promise.
 */
export function initEmbeddedDatabase(dir: string): Promise<void> {
  const key = resolve(dir);
  let pending = creating.get(key);
  if (!pending) {
    pending = needsInitdb(key) ? initdbInChild(key) : Promise.resolve();
    creating.set(key, pending);
    pending.catch(() => creating.delete(key));
  }
  return pending;
}

function needsInitdb(dir: string): boolean {
  if (existsSync(join(dir, 'PG_VERSION'))) return false;
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

async function initdbInChild(dir: string): Promise<void> {
  const tmp = join(dirname(dir), `.${basename(dir)}.initdb-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  // a platform that exits while initdb runs (a failed start) takes the child and its folder along
  let child: ChildProcess | undefined;
  const onExit = () => {
    child?.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await new Promise<void>((done, fail) => {
      const initdb = spawn(process.execPath, [join(__dirname, 'initdb-child.js'), tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = initdb;
      let stderr = '';
      initdb.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      initdb.once('error', fail);
      initdb.once('exit', (code, signal) =>
        code === 0 ? done() : fail(new Error(`creating the embedded database in ${dir} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`)),
      );
    });
    // an empty `dir` (made by an earlier call) is replaced; rename(2) refuses a non-empty one
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
  } finally {
    process.off('exit', onExit);
    rmSync(tmp, { recursive: true, force: true });
  }
}
