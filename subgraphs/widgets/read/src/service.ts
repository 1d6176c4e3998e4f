import type { Logger } from 'pino';
import { createDataSource } from '@crm/platform/db';
import { freshnessOf, projectionReadiness, startSubgraphService } from '@crm/platform/graphql';
import type { HttpService, ReadinessCheck } from '@crm/platform/http';
import { withService } from '@crm/platform/logging';
import type { EventBus } from '@crm/event-bus';
import { Projector } from '@crm/event-bus/kit';
import { WIDGETS_TOPIC } from '@crm/event-bus/contracts/widgets';
import { WidgetQueries } from './graphql/widget-queries.resolver';
import { databaseConfig } from './persistence/database';
import { widgetViewsReadModel } from './persistence/widget-views';
import { buildWidgetsReadSchema, SUBGRAPH_NAME } from './schema';
import type { WidgetsReadConfig } from './env';

export const PROJECTOR_GROUP = 'widgets-read.projector';

export interface WidgetsReadService {
  http: HttpService;
  projector: Projector;
  /** /readyz checks of the projector: fetching, and caught up with the bus's position at start. */
  readiness: ReadinessCheck[];
  stop(): Promise<void>;
}

/** Starts the widgets read subgraph and its projector. */
export async function startWidgetsRead(
  config: WidgetsReadConfig,
  deps: { bus: EventBus; logger: Logger; inMemoryDb?: boolean | string },
): Promise<WidgetsReadService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  const projector = new Projector(dataSource, [widgetViewsReadModel], logger);
  await deps.bus.ensureTopics([WIDGETS_TOPIC]);
  const subscription = await projector.subscribe(deps.bus, { groupId: PROJECTOR_GROUP, topics: [WIDGETS_TOPIC], logger });
  const freshness = freshnessOf({ lag: () => subscription.lag() });
  const readiness = projectionReadiness(subscription, config.READY_CATCH_UP_TIMEOUT_MS, logger, freshness);
  const queries = new WidgetQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS);
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema: await buildWidgetsReadSchema(queries, freshness),
    logger,
    port: config.WIDGETS_READ_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    metrics: { token: config.METRICS_TOKEN },
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }, ...readiness],
  });
  return {
    http,
    projector,
    readiness,
    async stop() {
      await http.stop();
      await subscription.stop();
      await dataSource.destroy();
    },
  };
}
