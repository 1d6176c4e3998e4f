#!/usr/bin/env node
// Writes a new domain on the kit, and registers it in services.json (the only shared file it edits):
//   npm run new-domain -- <domain> [--aggregate <singular>] [--example]
//     <domain>      plural, lower-case letters and dashes (e.g. `rewards`, `gift-cards`; event types allow no
//                   digits); the aggregate defaults to it
//                   without its final "s"
//     --example     registers it as an example domain: in tests and compose, not in `npm start`
//   npm run new-domain -- --check
//     regenerates every example domain of services.json in memory and fails (exit 1) if a file
//     or its registry entries differ from what is committed (CI runs it).
// What it writes: see scripts/new-domain/templates.mjs and README "Adding a domain".
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as prettier from 'prettier';
import { domainFiles } from './new-domain/templates.mjs';

const root = new URL('..', import.meta.url).pathname;
const REGISTRY = join(root, 'services.json');

const pascal = (s) => s.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const snake = (s) => s.replace(/-/g, '_');

/** Every spelling of the domain the templates use. */
export function namesOf(domain, aggregate, ports) {
  return {
    domain, // widgets
    Domain: pascal(domain), // Widgets
    PREFIX: snake(domain).toUpperCase(), // WIDGETS (env variables)
    TOPIC: `${snake(domain).toUpperCase()}_TOPIC`,
    aggregate: aggregate.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()), // widget (camelCase: identifiers, GraphQL fields)
    file: aggregate, // widget (kebab-case: file names)
    words: aggregate.replace(/-/g, ' '), // widget (prose)
    aggType: snake(aggregate), // widget (aggregate type of events and consistency tokens)
    event: `${snake(aggregate)}.created`,
    Title: domain.charAt(0).toUpperCase() + domain.slice(1).replace(/-/g, ' '), // Widgets (OpenAPI tag)
    Agg: pascal(aggregate), // Widget
    Aggs: pascal(domain), // Widgets
    AGG: `${snake(aggregate).toUpperCase()}_AGGREGATE`,
    AGG_UPPER: snake(aggregate).toUpperCase(),
    aggregates: domain,
    table: snake(domain),
    viewTable: `${snake(aggregate)}_views`,
    writePort: ports.write,
    readPort: ports.read,
  };
}

/** The registry entries of the domain (what `--check` compares with services.json). */
export function registryEntries(n, example) {
  const side = (s) => {
    const Side = s === 'write' ? 'Write' : 'Read';
    return {
      name: `${n.domain}-${s}`,
      domain: n.domain,
      side: s,
      dir: `subgraphs/${n.domain}/${s}`,
      package: `@crm/${n.domain}-${s}`,
      port: s === 'write' ? n.writePort : n.readPort,
      portEnv: `${n.PREFIX}_${s.toUpperCase()}_PORT`,
      urlEnv: `${n.PREFIX}_${s.toUpperCase()}_URL`,
      dbSchema: `${n.table}_${s}`,
      exports: {
        start: `start${n.Domain}${Side}`,
        parseConfig: 'parseConfig',
        printSdl: `print${n.Domain}${Side}Sdl`,
        ...(s === 'read' ? { rebuild: `rebuild${n.Domain}Read` } : {}),
      },
      topics: { publishes: s === 'write' ? [`crm.${n.domain}.events`] : [], consumes: s === 'read' ? [`crm.${n.domain}.events`] : [] },
      k8s: {
        description:
          s === 'write'
            ? `${n.domain}-write subgraph (mutations) with its outbox relay in the same process.`
            : `${n.domain}-read subgraph: ${n.domain} queries from its read model, kept current by its in-process projector.`,
      },
    };
  };
  return {
    domain: {
      name: n.domain,
      topic: `crm.${n.domain}.events`,
      libraries: [],
      ...(example ? { example: true } : {}),
    },
    services: [side('write'), side('read')],
  };
}

/** Index just past the `]` closing the array that follows `"key":` in the JSON text. */
function arrayEnd(text, key) {
  const start = text.indexOf('[', text.indexOf(`"${key}":`));
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`services.json: no "${key}" array`);
}

async function format(path, text) {
  const options = (await prettier.resolveConfig(join(root, path))) ?? {};
  return prettier.format(text, { ...options, filepath: join(root, path) });
}

/** The domain's block of the typed permission catalogue (platform/src/auth/permissions.ts: `@Authorized` takes catalogued names only). */
export const PERMISSIONS_FILE = 'platform/src/auth/permissions.ts';
const CATALOGUE_START = 'export const PERMISSION_CATALOGUE = definePermissions({';
export const permissionsBlock = (n) =>
  `  ${n.table}: {\n    '${n.table}.read': { description: 'Read ${n.words}s' },\n    '${n.table}.write': { description: 'Create ${n.words}s' },\n  },\n`;

function withPermissions(text, n) {
  const start = text.indexOf(CATALOGUE_START);
  const end = text.indexOf('\n});', start);
  if (start < 0 || end < 0) throw new Error(`${PERMISSIONS_FILE}: no PERMISSION_CATALOGUE`);
  return `${text.slice(0, end + 1)}${permissionsBlock(n)}${text.slice(end + 1)}`;
}

async function generated(n) {
  const out = new Map();
  for (const [path, text] of Object.entries(domainFiles(n))) out.set(path, await format(path, text));
  return out;
}

function usage(message) {
  if (message) console.error(message);
  console.error('usage: npm run new-domain -- <domain> [--aggregate <singular>] [--example]\n       npm run new-domain -- --check');
  process.exit(2);
}

async function check() {
  const registry = JSON.parse(readFileSync(REGISTRY, 'utf8'));
  const problems = [];
  const examples = registry.domains.filter((d) => d.example);
  for (const d of examples) {
    const write = registry.services.find((s) => s.domain === d.name && s.side === 'write');
    const read = registry.services.find((s) => s.domain === d.name && s.side === 'read');
    // example domains are generated with the default aggregate name
    const aggregate = d.name.replace(/s$/, '');
    const n = namesOf(d.name, aggregate, { write: write?.port, read: read?.port });
    const expected = registryEntries(n, true);
    if (!isDeepStrictEqual(d, expected.domain)) problems.push(`services.json: domain ${d.name} differs from what the generator writes`);
    for (const s of expected.services) {
      const actual = registry.services.find((x) => x.name === s.name);
      if (!isDeepStrictEqual(actual, s)) problems.push(`services.json: service ${s.name} differs from what the generator writes`);
    }
    if (!readFileSync(join(root, PERMISSIONS_FILE), 'utf8').includes(permissionsBlock(n)))
      problems.push(`${PERMISSIONS_FILE}: the ${d.name} permissions block differs from what the generator writes`);
    for (const [path, content] of await generated(n)) {
      const abs = join(root, path);
      if (!existsSync(abs)) problems.push(`missing: ${path}`);
      else if (readFileSync(abs, 'utf8') !== content) problems.push(`differs from the generator's output: ${path}`);
    }
  }
  if (problems.length > 0) {
    console.error(
      `example domains do not match the generator (regenerate: see README "Adding a domain"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`example domains match the generator (${examples.map((d) => d.name).join(', ') || 'none'})`);
}

async function create(domain, aggregate, example) {
  const text = readFileSync(REGISTRY, 'utf8');
  const registry = JSON.parse(text);
  if (registry.domains.some((d) => d.name === domain)) usage(`services.json already has a domain "${domain}"`);
  const top = Math.max(...registry.services.map((s) => s.port));
  const n = namesOf(domain, aggregate, { write: top + 1, read: top + 2 });
  const files = await generated(n);
  const taken = [...files.keys()].filter((p) => existsSync(join(root, p)));
  if (taken.length > 0) usage(`these files exist already:\n${taken.map((p) => `  ${p}`).join('\n')}`);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // insert the entries as text, so the rest of the file keeps its layout
  const entries = registryEntries(n, example);
  let next = text;
  const insert = (key, items) => {
    const end = arrayEnd(next, key);
    const body = next.slice(0, end).trimEnd();
    next = `${body}${body.endsWith('[') ? '' : ','}\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n${next.slice(end)}`;
  };
  insert('services', entries.services);
  insert('domains', [entries.domain]);
  writeFileSync(REGISTRY, await format('services.json', next));
  const permissions = join(root, PERMISSIONS_FILE);
  writeFileSync(permissions, await format(PERMISSIONS_FILE, withPermissions(readFileSync(permissions, 'utf8'), n)));
  console.log(`wrote ${files.size} files and registered ${domain} (ports ${n.writePort}, ${n.readPort}) in services.json. Next:
  npm install                          # links the two new workspaces (package-lock.json)
  npm run build
  node scripts/check-registry.mjs && node scripts/generate-k8s.mjs && npm run compose
  node scripts/run-tests.mjs --dir subgraphs/${domain}/write && node scripts/run-tests.mjs --dir subgraphs/${domain}/read
  node scripts/run-tests.mjs --dir supergraph --grep rest/backoffice/${domain}/`);
}

const args = process.argv.slice(2);
if (args.includes('--check')) await check();
else {
  const domain = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--aggregate');
  if (!domain || !/^[a-z][a-z-]*[a-z]$/.test(domain)) usage(domain ? `invalid domain name "${domain}"` : undefined);
  const ai = args.indexOf('--aggregate');
  const aggregate = ai >= 0 ? args[ai + 1] : domain.replace(/s$/, '');
  if (!aggregate || !/^[a-z][a-z0-9-]*$/.test(aggregate) || aggregate === domain)
    usage('the aggregate needs a singular name different from the domain (--aggregate)');
  await create(domain, aggregate, args.includes('--example'));
}
