import 'reflect-metadata';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { z } from 'zod';
import { registry } from '@crm/event-bus';
import { serviceRegistry } from '@crm/platform/registry';
import { loadServiceModule } from './launcher/service-modules';
import { buildRestOpenApi } from './rest/openapi';

/**
 * Regenerates everything under schema/ from the code: each subgraph's SDL, the composed
 * supergraph, one JSON Schema per event version and the REST facade's OpenAPI document
 * (rest/openapi.json). `--check` regenerates in memory and fails (exit 1) if any committed file
 * differs, is missing or is stale.
 */
const ROOT = resolve(__dirname, '../..');
const SCHEMA_DIR = join(ROOT, 'schema');

async function generate(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const services = [];
  // each subgraph's SDL from the module services.json names (compose may load subgraph code; the gateway never does)
  for (const s of serviceRegistry().services) {
    const sdl = await (await loadServiceModule(s)).printSdl();
    files.set(`subgraphs/${s.name}.graphql`, `${sdl.trim()}\n`);
    services.push({ name: s.name, typeDefs: parse(sdl), url: `http://127.0.0.1:${s.port}/graphql` });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  files.set('supergraph.graphql', `${result.supergraphSdl.trim()}\n`);
  for (const contract of registry.all()) {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://crm-platform.local/schema/events/${contract.type}.v${contract.schemaVersion}.schema.json`,
      title: `${contract.type} v${contract.schemaVersion}`,
      description: contract.description,
      'x-topic': contract.topic,
      'x-aggregate-type': contract.aggregateType,
      ...z.toJSONSchema(contract.data, { target: 'draft-2020-12' }),
    };
    files.set(`events/${contract.type}.v${contract.schemaVersion}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  files.set('rest/openapi.json', `${JSON.stringify(buildRestOpenApi(), null, 2)}\n`);
  return files;
}

function listExisting(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listExisting(join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.md') ? [] : [`${prefix}${e.name}`],
  );
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generate();
  const existing = listExisting(SCHEMA_DIR);
  if (check) {
    const problems: string[] = [];
    for (const [name, content] of files) {
      const path = join(SCHEMA_DIR, name);
      if (!existsSync(path)) problems.push(`missing: schema/${name}`);
      else if (readFileSync(path, 'utf8') !== content) problems.push(`out of date: schema/${name}`);
    }
    for (const name of existing) if (!files.has(name)) problems.push(`stale: schema/${name}`);
    if (problems.length > 0) {
      process.stderr.write(`schema/ does not match the code (run \`npm run compose\`):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stdout.write(`schema/ is up to date (${files.size} files)\n`);
    return;
  }
  for (const name of existing) if (!files.has(name)) rmSync(join(SCHEMA_DIR, name));
  for (const [name, content] of files) {
    const path = join(SCHEMA_DIR, name);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  process.stdout.write(`wrote ${files.size} files under schema/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
