// The contacts projector (no GraphQL API) as its own process, for fault tests that kill it (C2).
//   node projector-worker.js '{"databaseUrl":"postgres://…","redisUrl":"redis://…","brokers":["127.0.0.1:9092"],"namespace":"…"}'
// Prints `projector ready` once its consumer joined the group; SIGTERM drains and exits 0.
import 'reflect-metadata';
import pino from 'pino';
import { createEventBus, registry } from '@crm/event-bus';
import { parseConfig } from '../env';
import { startContactsRead } from '../service';

export interface ProjectorWorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  brokers: string[];
  namespace: string;
}

async function main(): Promise<void> {
  const worker = JSON.parse(process.argv[2] ?? '{}') as ProjectorWorkerConfig;
  const config = parseConfig({
    DATABASE_URL: worker.databaseUrl,
    REDIS_URL: worker.redisUrl,
    KAFKA_BROKERS: worker.brokers.join(','),
    PROCESS_ROLE: 'projector',
    DB_MIGRATE: 'false',
    CONTACTS_READ_PORT: '0',
    INTERNAL_AUTH_SECRET: 'projector-worker-secret-projector-worker',
    LOG_LEVEL: 'warn',
  });
  const logger = pino({ level: 'warn' });
  const bus = await createEventBus({ brokers: config.KAFKA_BROKERS, clientId: 'projector-worker', registry, logger, namespace: worker.namespace });
  const service = await startContactsRead(config, { bus, logger });
  while (!service.subscription?.isRunning()) await new Promise((r) => setTimeout(r, 20));
  process.once('SIGTERM', () => {
    void (async () => {
      await service.stop();
      await bus.close();
      process.exit(0);
    })();
  });
  process.stdout.write('projector ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`projector worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
