import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createEventBus, registry } from '@crm/event-bus';
import { loadConfig } from './env';
import { startIdentityRead } from './service';

/** Standalone process: the identity-read subgraph and its projector. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('identity-read', config.LOG_LEVEL);
  initTracing({ serviceName: 'identity-read', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const bus = await createEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'identity-read',
    registry,
    logger,
    ...(config.KAFKA_NAMESPACE ? { namespace: config.KAFKA_NAMESPACE } : {}),
  });
  const service = await startIdentityRead(config, { bus, logger });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`identity-read failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
