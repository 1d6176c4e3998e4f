import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Folder of the embedded database under DATA_DIR (one PGlite for every service, one schema each). */
export const embeddedDbDir = (dataDir: string): string => join(dataDir, 'db');

/** Fresh databases being made for a folder: where (a temporary folder) and when done. */
const made = new Map<string, Promise<string>>();
const adopted = new Map<string, Promise<void>>();

/**
 * Begins making a fresh embedded PostgreSQL (PGlite) database for `dir` if it has none: initdb
 * runs in a child process, into a temporary folder outside `dir` (nothing under DATA_DIR is
 * touched until initEmbeddedDatabase adopts it). initdb is the most expensive step of a first
 * start (seconds of CPU, and a second PostgreSQL's worth of WebAssembly memory this process would
 * keep), so `npm start` begins it first thing and loads and checks everything else beside it; its
 * memory goes with the child. A process that exits before adopting it takes the child and the
 * temporary folder along.
 */
export function prepareEmbeddedDatabase(dir: string): void {
  const key = resolve(dir);
  if (!made.has(key) && needsInitdb(key)) {
    const pending = initdbInChild();
    made.set(key, pending);
    pending.catch(() => made.delete(key));
  }
}

/**
 * Makes sure `dir` holds an initialised embedded database: a fresh one (begun by
 * prepareEmbeddedDatabase, or now) is moved into place whole, so an interrupted start leaves no
 * half-made database. A `dir` that already has files of its own is left to PGlite, as before.
 * Once per folder and process: callers share the first call's promise.
 */
export function initEmbeddedDatabase(dir: string): Promise<void> {
  const key = resolve(dir);
  let pending = adopted.get(key);
  if (!pending) {
    prepareEmbeddedDatabase(key);
    const fresh = made.get(key);
    pending = fresh ? fresh.then((tmp) => moveInto(tmp, key)) : Promise.resolve();
    adopted.set(key, pending);
    pending.catch(() => adopted.delete(key));
  }
  return pending;
}

function needsInitdb(dir: string): boolean {
  if (existsSync(join(dir, 'PG_VERSION'))) return false;
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** Runs initdb in a child process; resolves with the folder holding the new database. */
async function initdbInChild(): Promise<string> {
  const parent = mkdtempSync(join(tmpdir(), 'crm-initdb-'));
  const tmp = join(parent, 'db');
  let child: ChildProcess | undefined;
  const onExit = () => {
    child?.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    await new Promise<void>((done, fail) => {
      const initdb = spawn(process.execPath, [join(__dirname, 'initdb-child.js'), tmp], {
        // the IPC channel tells the child when this process is gone, however it ends
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      child = initdb;
      let stderr = '';
      initdb.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      initdb.once('error', fail);
      initdb.once('exit', (code, signal) =>
        code === 0 ? done() : fail(new Error(`creating the embedded database failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`)),
      );
    });
    return tmp;
  } catch (err) {
    onExit();
    throw err;
  } finally {
    child = undefined;
  }
}

/** Moves a made database into `dir` (an empty `dir` is replaced), by rename or, across file systems, by copy. */
function moveInto(tmp: string, dir: string): void {
  const parent = resolve(tmp, '..');
  try {
    if (existsSync(dir)) rmdirSync(dir);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      rmSync(`${dir}.partial`, { recursive: true, force: true });
      cpSync(tmp, `${dir}.partial`, { recursive: true });
      renameSync(`${dir}.partial`, dir);
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
