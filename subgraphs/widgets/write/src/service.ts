import type { Logger } from 'pino';
import { createDataSource } from '@crm/platform/db';
import { startSubgraphService } from '@crm/platform/graphql';
import type { HttpService } from '@crm/platform/http';
import { withService } from '@crm/platform/logging';
import { registry, type EventBus } from '@crm/event-bus';
import { OutboxRelay } from '@crm/event-bus/outbox';
import { WIDGETS_TOPIC } from '@crm/event-bus/contracts/widgets';
import { WidgetCommands } from './application/widget-commands';
import { databaseConfig } from './persistence/database';
import { buildWidgetsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { WidgetsWriteConfig } from './env';

export interface WidgetsWriteService {
  http: HttpService;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/** Starts the widgets write subgraph and its outbox relay on the given bus. */
export async function startWidgetsWrite(
  config: WidgetsWriteConfig,
  deps: { bus: EventBus; logger: Logger; inMemoryDb?: boolean | string },
): Promise<WidgetsWriteService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  await deps.bus.ensureTopics([WIDGETS_TOPIC]);
  const relay = new OutboxRelay(dataSource, deps.bus, logger, { name: SUBGRAPH_NAME, pollIntervalMs: config.OUTBOX_POLL_MS });
  const commands = new WidgetCommands(dataSource, registry, () => relay.kick());
  relay.start();
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema: await buildWidgetsWriteSchema(commands),
    logger,
    port: config.WIDGETS_WRITE_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    metrics: { token: config.METRICS_TOKEN },
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }],
  });
  return {
    http,
    relay,
    async stop() {
      await http.stop();
      await relay.stop();
      await dataSource.destroy();
    },
  };
}
