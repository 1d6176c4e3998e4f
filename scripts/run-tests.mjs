#!/usr/bin/env node
// Runs the compiled tests (dist/**/*.test.js) of every workspace with node's test runner.
//   node scripts/run-tests.mjs [--unit] [--dir <workspace dir>] [--grep <substring>]
// --unit: only pure tests (not *.int.test.js / *.e2e.test.js).
// Tests use real PostgreSQL/Redis/Kafka when DATABASE_URL/REDIS_URL/KAFKA_BROKERS are set
// (CI sets them and REQUIRE_BACKENDS=true), the embedded defaults otherwise.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const dirIndex = args.indexOf('--dir');
const grepIndex = args.indexOf('--grep');
const onlyDir = dirIndex >= 0 ? args[dirIndex + 1] : null;
const grep = grepIndex >= 0 ? args[grepIndex + 1] : null;

// every workspace of the service registry: the non-domain ones, then each domain's libraries and services
const registry = JSON.parse(readFileSync(join(root, 'services.json'), 'utf8'));
const workspaces = [
  ...registry.workspaces.map((w) => w.dir),
  ...registry.domains.flatMap((d) => [...d.libraries.map((l) => l.dir), ...registry.services.filter((s) => s.domain === d.name).map((s) => s.dir)]),
];
if (onlyDir && !workspaces.includes(onlyDir)) {
  console.error(`--dir ${onlyDir} is not a workspace of services.json (${workspaces.join(', ')})`);
  process.exit(2);
}

function collect(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

let files = workspaces
  .filter((w) => !onlyDir || w === onlyDir)
  .flatMap((w) => collect(join(root, w, 'dist')))
  .filter((f) => !unitOnly || !/\.(int|e2e)\.test\.js$/.test(f))
  .filter((f) => !grep || f.includes(grep));

if (files.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
// pure tests first, then integration, then end-to-end
const rank = (f) => (f.endsWith('.e2e.test.js') ? 2 : f.endsWith('.int.test.js') ? 1 : 0);
files = files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
console.log(`running ${files.length} test files:\n${files.map((f) => `  ${relative(root, f)}`).join('\n')}`);

// CRM_LONG_TESTS=1 runs the long variants of the fault tests, which need more than a file's usual budget
const fileTimeoutMs = process.env.CRM_LONG_TESTS === '1' ? 1_800_000 : 180_000;
const result = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${fileTimeoutMs}`,
    '--test-force-exit',
    '--test-reporter=spec',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' } },
);
process.exit(result.status ?? 1);
