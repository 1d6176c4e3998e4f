import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createEventBus, registry } from '@crm/event-bus';
import { loadConfig } from './env';
import { startContactsWrite } from './service';

/** Standalone process (the shape Kubernetes runs): contacts-write subgraph + outbox relay. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('contacts-write', config.LOG_LEVEL);
  initTracing({ serviceName: 'contacts-write', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const bus = await createEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'contacts-write',
    registry,
    logger,
    namespace: config.KAFKA_NAMESPACE,
  });
  const service = await startContactsWrite(config, { bus, logger });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`contacts-write failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
