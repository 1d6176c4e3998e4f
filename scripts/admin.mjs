#!/usr/bin/env node
// `npm run admin -- …`: `import …` goes through a running platform's API (supergraph/dist/ops/import-cli.js,
// never opening a database); every other command is the identity admin CLI (subgraphs/identity/write/dist/cli.js).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const entry = args[0] === 'import' ? 'supergraph/dist/ops/import-cli.js' : 'subgraphs/identity/write/dist/cli.js';
const r = spawnSync(process.execPath, [join(root, entry), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
