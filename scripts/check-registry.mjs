#!/usr/bin/env node
// Checks that services.json (the service registry) matches the workspaces on disk:
//   - every workspace of the root package.json is in the registry, and every registry dir is a workspace
//     (`npm run build` builds the registry's dirs: there is no root tsconfig.json to keep in step);
//   - each dir's package.json has the package name the registry gives;
//   - each service's default port, port/URL variables and DB schema are unique, and its domain is declared;
//   - each domain's services depend on no other domain's packages (read never on another domain's write).
// Exit 0 when consistent, 1 listing every problem.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const registry = JSON.parse(readFileSync(join(root, 'services.json'), 'utf8'));
const problems = [];

// workspaces on disk, from the root package.json's globs (`dir` or `dir/*/*`)
function expand(pattern) {
  const parts = pattern.split('/');
  let dirs = [''];
  for (const part of parts) {
    dirs = dirs.flatMap((d) => {
      if (part !== '*') return [join(d, part)];
      const abs = join(root, d);
      return existsSync(abs)
        ? readdirSync(abs)
            .filter((n) => statSync(join(abs, n)).isDirectory())
            .map((n) => join(d, n))
        : [];
    });
  }
  return dirs.filter((d) => existsSync(join(root, d, 'package.json')));
}
const onDisk = new Set(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces.flatMap(expand));

const entries = [
  ...registry.workspaces.map((w) => ({ ...w, kind: 'workspace' })),
  ...registry.domains.flatMap((d) => d.libraries.map((l) => ({ ...l, kind: `library of ${d.name}`, domain: d.name }))),
  ...registry.services.map((s) => ({ ...s, kind: `service ${s.name}` })),
];
const listed = new Set();
for (const e of entries) {
  if (listed.has(e.dir)) problems.push(`${e.dir} is listed twice`);
  listed.add(e.dir);
  const pkgPath = join(root, e.dir, 'package.json');
  if (!existsSync(pkgPath)) {
    problems.push(`${e.kind}: ${e.dir}/package.json does not exist`);
    continue;
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  if (pkg.name !== e.package) problems.push(`${e.kind}: ${e.dir} is package "${pkg.name}", the registry says "${e.package}"`);
  for (const task of ['build', 'lint', 'test'])
    if (!pkg.scripts?.[task]) problems.push(`${e.dir}/package.json has no "${task}" script (turbo runs it)`);
}
for (const dir of onDisk)
  if (!listed.has(dir)) problems.push(`workspace ${dir} is not in services.json (add it to "workspaces", a domain's "libraries" or "services")`);

const domains = new Set(registry.domains.map((d) => d.name));
const unique = new Map();
for (const s of registry.services) {
  if (!domains.has(s.domain)) problems.push(`service ${s.name}: unknown domain "${s.domain}"`);
  if (!['write', 'read'].includes(s.side)) problems.push(`service ${s.name}: side must be write or read`);
  for (const key of ['name', 'port', 'portEnv', 'urlEnv', 'dbSchema']) {
    const k = `${key}=${s[key]}`;
    if (unique.has(k)) problems.push(`service ${s.name}: ${key} ${s[key]} is also ${unique.get(k)}'s`);
    else unique.set(k, s.name);
  }
}

// boundaries in the package graph (the lint rule checks imports; this checks declared dependencies)
const domainOf = new Map();
for (const d of registry.domains) for (const l of d.libraries) domainOf.set(l.package, { domain: d.name, side: 'library' });
for (const s of registry.services) domainOf.set(s.package, { domain: s.domain, side: s.side });
for (const s of registry.services) {
  const pkgPath = join(root, s.dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const target = domainOf.get(dep);
    if (!target) continue;
    if (target.domain !== s.domain)
      problems.push(`service ${s.name} depends on ${dep} of domain ${target.domain}: domains talk through events or the gateway`);
    else if (target.side !== 'library' && dep !== s.package)
      problems.push(`service ${s.name} depends on ${dep}: a domain's write and read sides share only its libraries`);
  }
}

if (problems.length > 0) {
  console.error(`services.json does not match the workspaces:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`services.json matches the workspaces (${registry.services.length} services, ${listed.size} workspaces)`);
