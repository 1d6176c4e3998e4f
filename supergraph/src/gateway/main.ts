import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createCache } from '@crm/platform/cache';
import { createEventBus, registry } from '@crm/event-bus';
import { createRestFacade } from '../rest';
import { loadConfig } from './env';
import { configureMobilePassKeys } from '../rest/domains/passes/mobile-cards';
import { startGateway } from './service';

/** Standalone gateway + REST facade process (the shape Kubernetes runs). */
async function main(): Promise<void> {
  const config = loadConfig();
  configureMobilePassKeys(config);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  initTracing({ serviceName: 'gateway', otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const cache = await createCache(config.REDIS_URL, logger);
  const bus = await createEventBus({
    brokers: config.KAFKA_BROKERS,
    clientId: 'gateway',
    registry,
    logger,
    ...(config.KAFKA_NAMESPACE ? { namespace: config.KAFKA_NAMESPACE } : {}),
  });
  const service = await startGateway(config, {
    logger,
    cache,
    bus,
    restFacade: (client, c, log, maxBodyBytes) => createRestFacade({ client, cache: c, logger: log, maxBodyBytes }),
  });
  onShutdownSignal(logger, async () => {
    await service.stop();
    await bus.close();
    await cache.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
