import 'reflect-metadata';
import { runCli } from '@crm/platform/cli';
import { KafkaBus, registry } from '@crm/event-bus';
import { serviceRegistry } from '@crm/platform/registry';
import { loadServiceModule } from '../launcher/service-modules';
import { loadRebuildConfig } from './env';
import { parseRebuildArgs, REBUILD_USAGE } from './rebuild-args';
import { createLogger } from '@crm/platform/logging';

// `npm run rebuild -- <read model>` (the read sides of services.json). Exit codes: 0 swapped in, 1 failed (the live model is untouched), 2 usage, 78 configuration.
runCli(
  {
    parse: parseRebuildArgs,
    usage: REBUILD_USAGE,
    config: loadRebuildConfig,
    async run(command, config) {
      const logger = createLogger('rebuild', config.LOG_LEVEL, { stderr: true });
      const bus = new KafkaBus(
        { brokers: config.KAFKA_BROKERS, clientId: `${command.readModel}-rebuild`, ...(command.namespace ? { namespace: command.namespace } : {}) },
        registry,
        logger,
      );
      try {
        await bus.ping();
        const entry = serviceRegistry().services.find((s) => s.name === command.readModel)!;
        const { rebuild } = await loadServiceModule(entry);
        const result = await rebuild!({ bus, databaseUrl: config.DATABASE_URL!, logger });
        process.stdout.write(
          command.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${command.readModel}: replayed ${result.events} events and swapped in the rebuilt model\n${result.tables.map((t) => `  ${t.table}: ${t.before} rows before, ${t.after} after`).join('\n')}\n`,
        );
        return 0;
      } finally {
        await bus.close();
      }
    },
  },
  process.argv.slice(2),
);
