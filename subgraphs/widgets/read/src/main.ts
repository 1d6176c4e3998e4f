import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createEventBus, registry } from '@crm/event-bus';
import { loadConfig } from './env';
import { startWidgetsRead } from './service';

/** Standalone process (the shape Kubernetes runs). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('widgets-read', config.LOG_LEVEL);
  initTracing({ serviceName: 'widgets-read', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const bus = await createEventBus({ brokers: config.KAFKA_BROKERS, clientId: 'widgets-read', registry, logger, namespace: config.KAFKA_NAMESPACE });
  const service = await startWidgetsRead(config, { bus, logger });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`widgets-read failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
