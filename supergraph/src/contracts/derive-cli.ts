import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliUsageError, runCli } from '@crm/platform/cli';
import { deriveContract, stableJson } from './derive-contract';
import { REPO_ROOT, SELF_SERVICE_CONTRACT } from './paths';

const USAGE = `usage: npm run contracts:derive -- <published Self-Service OpenAPI (.yaml or .json)>

Writes the facts-only contract to ${relative(REPO_ROOT, SELF_SERVICE_CONTRACT)} (commit it).`;

// `npm run contracts:derive -- <spec>`. Exit codes: 0 written, 1 unreadable or not OpenAPI, 2 usage.
runCli(
  {
    parse(argv): { specPath: string } | { kind: 'help' } {
      if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' as const };
      if (argv.length !== 1)
        throw new CliUsageError(argv.length === 0 ? 'the path of the published OpenAPI document is missing' : 'expected exactly one argument');
      return { specPath: argv[0]! };
    },
    usage: USAGE,
    config: () => ({}),
    run({ specPath }) {
      const text = readFileSync(specPath, 'utf8');
      const doc: unknown = parseYaml(text, { maxAliasCount: -1 }); // YAML is a superset of JSON
      const contract = deriveContract(doc, { fileName: basename(specPath), text });
      const out = stableJson(contract);
      mkdirSync(dirname(SELF_SERVICE_CONTRACT), { recursive: true });
      writeFileSync(SELF_SERVICE_CONTRACT, out);
      const operations = Object.values(contract['paths'] as Record<string, object>).reduce(
        (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length,
        0,
      );
      process.stdout.write(
        `wrote ${relative(REPO_ROOT, SELF_SERVICE_CONTRACT)}: ${operations} operations, ${out.length} bytes (from ${text.length} bytes)\n`,
      );
      return Promise.resolve(0);
    },
  },
  process.argv.slice(2),
);
