import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createEventBus, registry } from '@crm/event-bus';
import { loadConfig } from './env';
import { startContactsRead } from './service';

/**
 * Standalone process: the contacts-read subgraph and/or its projector (READ_API_ENABLED /
 * PROJECTOR_ENABLED), the shapes Kubernetes runs as two Deployments of one image.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('contacts-read', config.LOG_LEVEL);
  initTracing({ serviceName: 'contacts-read', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const bus = await createEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'contacts-read',
    registry,
    logger,
    ...(config.KAFKA_NAMESPACE ? { namespace: config.KAFKA_NAMESPACE } : {}),
  });
  const service = await startContactsRead(config, { bus, logger });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`contacts-read failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
