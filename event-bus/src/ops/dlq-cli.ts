import { runCli } from '@crm/platform/cli';
import { replayDlq, type DlqEntry } from '../kafka/dlq-replay';
import { DLQ_USAGE, parseDlqArgs } from './dlq-args';
import { loadOpsConfig } from './env';
import { createLogger } from '@crm/platform/logging';

const describe = (e: DlqEntry): string =>
  `${e.dlqPartition}/${e.dlqOffset}  key=${e.key}  origin=${e.originTopic ?? '?'}[${e.originPartition ?? '?'}]@${e.originOffset ?? '?'}  group=${e.consumerGroup ?? '-'}  attempts=${e.attempts ?? '?'}  error=${e.error ?? '-'}`;

// `npm run dlq -- list|replay --topic crm.<domain>.events [--consumer-group <group>] ...`
// Exit codes: 0 done, 1 failed, 2 usage, 78 configuration.
runCli(
  {
    parse: parseDlqArgs,
    usage: DLQ_USAGE,
    config: loadOpsConfig,
    async run(command, config) {
      const logger = createLogger('dlq', config.LOG_LEVEL, { stderr: true });
      const result = await replayDlq({
        brokers: config.KAFKA_BROKERS,
        topic: command.topic,
        fromStart: command.fromStart,
        dryRun: command.dryRun,
        logger,
        ...(command.consumerGroup ? { consumerGroup: command.consumerGroup } : {}),
        ...(command.namespace ? { namespace: command.namespace } : {}),
      });
      if (command.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      const summary =
        command.kind === 'list'
          ? `${result.scanned} dead-lettered message(s) on ${command.topic}.dlq`
          : command.dryRun
            ? `dry run: ${result.entries.filter((e) => e.selected).length} of ${result.scanned} would be re-driven`
            : `re-drove ${result.replayed} of ${result.scanned} new DLQ message(s) into ${command.topic}`;
      process.stdout.write(`${[...result.entries.map(describe), summary].join('\n')}\n`);
      return 0;
    },
  },
  process.argv.slice(2),
);
