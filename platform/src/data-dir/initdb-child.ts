import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPGlite } from '../db/embedded-database';

// `node initdb-child.js <folder>`: creates an embedded PostgreSQL database in <folder> and exits
// (see initEmbeddedDatabase: run apart so that initdb's memory is not kept by the platform).
const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: initdb-child <folder>\n');
  process.exit(2);
}
// the platform that asked for it went away (even by SIGKILL): stop, and leave nothing behind
process.on('disconnect', () => {
  rmSync(dirname(dir), { recursive: true, force: true });
  process.exit(1);
});
// from the kept copy of a fresh cluster when there is one (no initdb: see createPGlite)
createPGlite(dir)
  .then((db) => db.close())
  .then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
