#!/usr/bin/env node
// `npm run build`: `tsc -b` over every workspace of the service registry (services.json), in
// dependency order (tsc follows each workspace's own tsconfig references). The registry is the
// list, so a new domain needs no root tsconfig.json entry. Extra arguments go to tsc
// (`npm run build -- --verbose`, `--clean`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const registry = JSON.parse(readFileSync(join(root, 'services.json'), 'utf8'));
const dirs = [
  ...registry.workspaces.map((w) => w.dir),
  ...registry.domains.flatMap((d) => [...d.libraries.map((l) => l.dir), ...registry.services.filter((s) => s.domain === d.name).map((s) => s.dir)]),
];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-b', ...dirs, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
