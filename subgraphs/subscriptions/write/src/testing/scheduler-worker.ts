// The action scheduler as its own process, for the fault test that SIGKILLs it.
//   node scheduler-worker.js '{"databaseUrl":"postgres://…","leaseMs":2000}'
// Prints `scheduler ready` once it polls; SIGTERM stops it cleanly (exit 0).
import pino from 'pino';
import { registry } from '@crm/event-bus';
import { createDataSource } from '@crm/platform/db';
import { SubscriptionCommands } from '../application/subscription-commands';
import { ActionScheduler } from '../application/action-scheduler';
import { migrations } from '../persistence/migrations';
import { DB_SCHEMA } from '../persistence/database';

export interface SchedulerWorkerConfig {
  databaseUrl: string;
  leaseMs: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as SchedulerWorkerConfig;
  const logger = pino({ level: 'warn' });
  const dataSource = await createDataSource({
    service: 'scheduler-worker',
    dataDir: '.data',
    schema: DB_SCHEMA,
    entities: [],
    migrations,
    migrate: false,
    databaseUrl: config.databaseUrl,
    poolSize: 3,
    logger,
  });
  const commands = new SubscriptionCommands(dataSource, registry, () => undefined);
  const scheduler = new ActionScheduler(dataSource, commands, logger, { pollMs: 25, batch: 20, leaseMs: config.leaseMs }).start();
  process.stdout.write('scheduler ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await scheduler.stop();
      await dataSource.destroy();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
