// Outbox relay as its own process, for fault tests that SIGKILL it (C1).
//   node relay-worker.js '{"databaseUrl":"postgres://…","brokers":["127.0.0.1:9092"],"namespace":"…","batchSize":50}'
// Prints `relay ready` once connected and publishing; SIGTERM stops it cleanly (exit 0).
import pino from 'pino';
import { createDataSource } from '@crm/platform/db';
import { registry } from '../contracts';
import { KafkaBus } from '../kafka/kafka-bus';
import { OUTBOX_MIGRATIONS } from '../outbox/outbox-migration';
import { OutboxRelay } from '../outbox/outbox-relay';

export interface RelayWorkerConfig {
  databaseUrl: string;
  schema: string;
  brokers: string[];
  namespace: string;
  batchSize: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as RelayWorkerConfig;
  const logger = pino({ level: 'warn' });
  const dataSource = await createDataSource({
    service: 'relay-worker',
    dataDir: '.data',
    schema: config.schema,
    entities: [],
    migrations: OUTBOX_MIGRATIONS,
    migrate: false,
    databaseUrl: config.databaseUrl,
    poolSize: 2,
    logger,
  });
  const bus = new KafkaBus({ brokers: config.brokers, clientId: 'relay-worker', namespace: config.namespace }, registry, logger);
  await bus.ping();
  const relay = new OutboxRelay(dataSource, bus, logger, { name: 'relay-worker', batchSize: config.batchSize, pollIntervalMs: 20 });
  relay.start();
  process.once('SIGTERM', () => {
    void (async () => {
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
      process.exit(0);
    })();
  });
  process.stdout.write('relay ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`relay worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
