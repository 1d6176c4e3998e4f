import 'reflect-metadata';
import Redis from 'ioredis';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { ConfigError } from '@crm/platform/config';
import { createEventBus, registry } from '@crm/event-bus';
import { loadConfig } from './env';
import { startIdentityWrite } from './service';

/** Standalone process (the shape Kubernetes runs): identity-write subgraph + outbox relay. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('identity-write', config.LOG_LEVEL);
  initTracing({ serviceName: 'identity-write', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const bus = await createEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'identity-write',
    registry,
    logger,
    ...(config.KAFKA_NAMESPACE ? { namespace: config.KAFKA_NAMESPACE } : {}),
  });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  const service = await startIdentityWrite(config, { bus, logger, redis });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
    redis?.disconnect();
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    // found only once the database is open (e.g. IDENTITY_SECRET differs from the database's)
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`identity-write failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
