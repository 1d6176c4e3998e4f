import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteSession } from './pglite-pool';
import { embeddedDbDir, initEmbeddedDatabase } from '../data-dir/embedded-initdb';

/**
 * Where an embedded database lives: a folder (`<dataDir>/db`), a named in-memory database
 * shared by the services of one process that pass the same name (tests), or a private
 * in-memory one.
 */
export type EmbeddedLocation = { dataDir: string } | { memory: string } | { memory: true };

export interface EmbeddedDatabase {
  session: PGliteSession;
  /** Drops this holder; the database closes when its last holder releases it. */
  release(): Promise<void>;
}

interface Shared {
  opening: Promise<PGliteSession>;
  holders: number;
  unlock: () => void;
}

const open = new Map<string, Shared>();

export { embeddedDbDir };

/**
 * Opens (or joins) the process's embedded PGlite database at a location. Every service of an
 * `npm start` process shares one instance (one WebAssembly PostgreSQL, ~1/n of the memory of one
 * per service), each in its own schema. A folder is locked to one process at a time
 * (`<dataDir>/db.pid`): a second process gets a clear error instead of corrupting the files.
 */
export async function openEmbeddedDatabase(location: EmbeddedLocation): Promise<EmbeddedDatabase> {
  if ('memory' in location && location.memory === true) {
    const session = new PGliteSession(await createPGlite());
    return { session, release: () => session.db.close() };
  }
  const key = 'dataDir' in location ? `dir:${resolve(embeddedDbDir(location.dataDir))}` : `mem:${location.memory}`;
  let shared = open.get(key);
  if (!shared) {
    let unlock = () => undefined as void;
    const opening = (async () => {
      if (!('dataDir' in location)) return new PGliteSession(await createPGlite());
      const dir = embeddedDbDir(location.dataDir);
      mkdirSync(dir, { recursive: true });
      unlock = lockFolder(location.dataDir);
      // a fresh folder gets its initdb in a child process (npm start begins it early)
      await initEmbeddedDatabase(dir);
      return new PGliteSession(await createPGlite(dir));
    })();
    shared = { opening, holders: 0, unlock: () => unlock() };
    open.set(key, shared);
    opening.catch(() => open.delete(key));
  }
  const entry = shared;
  entry.holders += 1;
  let session: PGliteSession;
  try {
    session = await entry.opening;
  } catch (err) {
    entry.holders -= 1;
    throw err;
  }
  let released = false;
  return {
    session,
    async release() {
      if (released) return;
      released = true;
      entry.holders -= 1;
      if (entry.holders > 0) return;
      open.delete(key);
      try {
        await session.db.close();
      } finally {
        entry.unlock();
      }
    },
  };
}

/**
 * A PGlite in memory or in a folder (initdb-child.js makes new folders with it). A new database
 * starts from a copy of a freshly initialised cluster instead of running initdb (most of the
 * cost of a new PGlite, many seconds on a busy machine): the first new database of a machine is initialised and its files kept in the
 * system's temporary folder, keyed by the PGlite build; later ones, in any process, load them.
 */
export async function createPGlite(dataDir?: string): Promise<PGlite> {
  if (dataDir && existsSync(join(dataDir, 'PG_VERSION'))) return PGlite.create({ dataDir });
  const template = await freshCluster();
  if (template) {
    try {
      return await PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: template });
    } catch (err) {
      if (dataDir && existsSync(join(dataDir, 'PG_VERSION'))) throw err;
      templateInProcess = undefined; // an unusable copy: forget it, initialise this one
      rmSync(freshClusterFile(), { force: true });
    }
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  await keepFreshCluster(db);
  return db;
}

let templateInProcess: Blob | undefined;

/** Where the files of a fresh cluster of this PGlite build are kept (its version and wasm size name it). */
function freshClusterFile(): string {
  const dist = dirname(require.resolve('@electric-sql/pglite')); // <package>/dist (package.json is not exported)
  const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string };
  const { size } = statSync(join(dist, 'pglite.wasm'));
  return join(tmpdir(), `crm-pglite-${version}-${size}-initdb.tar`);
}

async function freshCluster(): Promise<Blob | undefined> {
  if (templateInProcess) return templateInProcess;
  try {
    templateInProcess = new Blob([readFileSync(freshClusterFile())]);
  } catch {
    return undefined; // none kept yet (or unreadable): this database runs initdb and keeps its files
  }
  return templateInProcess;
}

/** Keeps the files of a database that has just run initdb, before anything is written to it. */
async function keepFreshCluster(db: PGlite): Promise<void> {
  try {
    const tar = await db.dumpDataDir('none');
    templateInProcess = tar;
    const file = freshClusterFile();
    // written aside and renamed: a process reading it never sees half a file
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await tar.arrayBuffer()), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // a cache only: the next new database runs initdb again
  }
}

/** Takes `<dataDir>/db.pid` for this process, or throws naming the process that holds it. */
function lockFolder(dataDir: string): () => void {
  const path = join(dataDir, 'db.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `the embedded database in ${embeddedDbDir(dataDir)} is in use by process ${holder} (one process at a time: stop it, or set DATABASE_URL or another DATA_DIR)`,
        );
      }
      rmSync(path, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
