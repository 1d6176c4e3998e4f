import { parseArgs as parseNodeArgs } from 'node:util';

import { CliUsageError as UsageError } from '@crm/platform/cli';
import { serviceRegistry } from '@crm/platform/registry';

export { UsageError };

export type DlqCommand = {
  kind: 'list' | 'replay';
  topic: string;
  consumerGroup?: string;
  fromStart: boolean;
  dryRun: boolean;
  namespace?: string;
  json: boolean;
};

/** The event topics of the registered domains (services.json). */
const TOPICS = serviceRegistry()
  .domains.map((d) => d.topic)
  .join(', ');

export const DLQ_USAGE = `usage: npm run dlq -- <command> --topic <topic> [options]

commands:
  list     show the dead-lettered messages of a topic (origin topic/partition/offset, group, error)
  replay   re-drive dead-lettered messages into the topic, to the consumer group that gave up on them

options:
  --topic <name>            event topic (its DLQ is <name>.dlq)   (required)
                            registered: ${TOPICS}
  --consumer-group <group>  only entries of this group (e.g. contacts-read.projector), re-driven to it only
  --from-start              also entries a previous replay already re-drove (default: only new ones)
  --dry-run                 replay: show what would be re-driven; publish and record nothing
  --namespace <prefix>      physical topic/group prefix (test namespaces)
  --json                    machine-readable output
  --help

environment: KAFKA_BROKERS (required), LOG_LEVEL`;

const TOPIC = /^crm\.[a-z][a-z0-9_-]*\.events$/;
const GROUP = /^[a-z][a-z0-9_.-]{0,100}$/;
const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates the command line of `npm run dlq`; every problem is a UsageError with a clear message. */
export function parseDlqArgs(argv: string[]): DlqCommand | { kind: 'help' } {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        topic: { type: 'string' },
        'consumer-group': { type: 'string' },
        'from-start': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        namespace: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (!command) throw new UsageError('a command is required: list or replay');
  if (command !== 'list' && command !== 'replay') throw new UsageError(`unknown command "${command}" (expected list or replay)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values.topic) throw new UsageError('--topic is required, e.g. --topic crm.contacts.events');
  if (values.topic.endsWith('.dlq')) throw new UsageError(`--topic names the event topic, not its DLQ: use --topic ${values.topic.slice(0, -4)}`);
  if (!TOPIC.test(values.topic)) throw new UsageError(`--topic "${values.topic}" is not an event topic (crm.<domain>.events)`);
  const group = values['consumer-group'];
  if (group !== undefined && !GROUP.test(group))
    throw new UsageError(`--consumer-group "${group}" is not a consumer group name (<service>.<purpose>)`);
  if (values.namespace !== undefined && !NAMESPACE.test(values.namespace))
    throw new UsageError(`--namespace "${values.namespace}" must be 1-64 letters, digits, _ or -`);
  if (command === 'list' && values['dry-run']) throw new UsageError('--dry-run applies to replay only (list never publishes)');
  return {
    kind: command,
    topic: values.topic,
    ...(group !== undefined ? { consumerGroup: group } : {}),
    fromStart: values['from-start'] || command === 'list',
    dryRun: values['dry-run'] || command === 'list',
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    json: values.json,
  };
}
