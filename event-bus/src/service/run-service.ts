import 'reflect-metadata';
import type { z } from 'zod';
import { ConfigError, loadEnvOrExit, processEnv } from '@crm/platform/config';
import { createLogger } from '@crm/platform/logging';
import { initTracing } from '@crm/platform/observability';
import { onShutdownSignal } from '@crm/platform/http';
import { createEventBus } from '../create-event-bus';
import { registry } from '../contracts';
import type { ServiceDeps, Stoppable } from './deps';

/** What `runService` needs of a service's config (the groups kafkaEnv and LOG_LEVEL, OTLP of httpEnv). */
interface RunnableConfig {
  LOG_LEVEL: string;
  KAFKA_BROKERS: string[];
  KAFKA_NAMESPACE?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
}

/**
 * A service's main.ts, the standalone process Kubernetes runs: reads its configuration (every
 * problem listed, exit 78), logger, tracing, the bus (Kafka with KAFKA_NAMESPACE, or in-process),
 * starts the service, and on SIGTERM/SIGINT stops it gracefully (readiness off, SHUTDOWN_DELAY_MS,
 * drain, consumers and relays, pools) and closes the bus. A configuration problem found only once
 * started (e.g. a secret that does not match the database's) exits 78 too.
 */
export function runService<S extends z.ZodType<RunnableConfig>>(options: {
  name: string;
  envSchema: S;
  start(config: z.infer<S>, deps: ServiceDeps): Promise<Stoppable>;
}): void {
  const { name } = options;
  const main = async () => {
    const config = loadEnvOrExit(name, options.envSchema, processEnv());
    const logger = createLogger(name, config.LOG_LEVEL);
    initTracing({ serviceName: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
    const bus = await createEventBus({ brokers: config.KAFKA_BROKERS, clientId: name, registry, logger, namespace: config.KAFKA_NAMESPACE });
    const service = await options.start(config, { bus, logger }).catch(async (err: unknown) => {
      await bus.close().catch(() => undefined);
      throw err;
    });
    onShutdownSignal(logger, async () => {
      await service.stop();
      await bus.close();
    });
  };
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    process.stderr.write(`${name} failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
