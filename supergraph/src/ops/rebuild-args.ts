import { parseArgs } from 'node:util';
import { CliUsageError } from '@crm/platform/cli';
import { serviceRegistry } from '@crm/platform/registry';

/** The read models that can be rebuilt: every read side of services.json. */
export const READ_MODELS: readonly string[] = serviceRegistry()
  .services.filter((s) => s.side === 'read')
  .map((s) => s.name);
export type ReadModel = string;

export interface RebuildCommand {
  kind: 'rebuild';
  readModel: ReadModel;
  namespace?: string;
  json: boolean;
}

export const REBUILD_USAGE = `usage: npm run rebuild -- <read model> [--json] [--namespace <prefix>]

read models: ${READ_MODELS.join(', ')}

Replays the read model's Kafka topic from offset 0 (fresh consumer group) into a shadow schema,
catches up, then swaps it in atomically; the service keeps answering throughout.

environment: DATABASE_URL and KAFKA_BROKERS (required), LOG_LEVEL`;

/** Validates the command line of `npm run rebuild`; every problem is a CliUsageError with a clear message. */
export function parseRebuildArgs(argv: string[]): RebuildCommand | { kind: 'help' } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean', default: false }, namespace: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
  if (parsed.values.help) return { kind: 'help' };
  const [model, ...extra] = parsed.positionals;
  if (!model) throw new CliUsageError(`which read model? one of ${READ_MODELS.join(', ')}`);
  if (!READ_MODELS.includes(model)) throw new CliUsageError(`unknown read model "${model}" (expected ${READ_MODELS.join(' or ')})`);
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}" (one read model per run)`);
  const ns = parsed.values.namespace;
  if (ns !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(ns)) throw new CliUsageError(`--namespace "${ns}" must be 1-64 letters, digits, _ or -`);
  return { kind: 'rebuild', readModel: model, json: parsed.values.json, ...(ns !== undefined ? { namespace: ns } : {}) };
}
