import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import {
  freshnessOf,
  projectionReadiness,
  ReadConsistency,
  startSubgraphService,
  type Freshness,
  type SubgraphServiceOptions,
} from '@crm/platform/graphql';
import type { HttpService, ReadinessCheck } from '@crm/platform/http';
import type { EventBus, Subscription } from '@crm/event-bus';
import { IDENTITY_TOPIC } from '@crm/event-bus/contracts/identity';
import { IdentityProjector } from './consumers/identity-events.consumer';
import { databaseConfig } from './persistence/database';
import { IdentityViews } from './persistence/identity-views';
import { identityTokenWaiter } from './queries/await-identity-tokens';
import { buildIdentityReadSchema, SUBGRAPH_NAME } from './schema';
import type { IdentityReadConfig } from './env';
import { withService } from '@crm/platform/logging';

export const PROJECTOR_GROUP = 'identity-read.projector';

export interface IdentityReadService {
  http: HttpService;
  projector: IdentityProjector;
  subscription: Subscription;
  dataSource: DataSource;
  /** Messages not yet projected by this process's subscription. */
  lag(): number;
  /** The freshness every read reports (pending events, age of the oldest). */
  freshness(): Freshness;
  /** /readyz checks of the projector: fetching, and caught up with the bus's position at start. */
  readiness: ReadinessCheck[];
  stop(): Promise<void>;
}

/** Starts the identity read subgraph and its projector. */
export async function startIdentityRead(
  config: IdentityReadConfig,
  deps: { bus: EventBus; logger: Logger; inMemoryDb?: boolean | string; plugins?: SubgraphServiceOptions['plugins'] },
): Promise<IdentityReadService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  const projector = new IdentityProjector(dataSource, logger);
  await deps.bus.ensureTopics([IDENTITY_TOPIC]);
  const subscription = await projector.subscribe(deps.bus, { groupId: PROJECTOR_GROUP, topics: [IDENTITY_TOPIC], logger });
  const views = new IdentityViews(dataSource);
  const freshness = freshnessOf({ lag: () => subscription.lag() });
  const projectorReadiness = projectionReadiness(subscription, config.READY_CATCH_UP_TIMEOUT_MS, logger, freshness);
  const consistency = new ReadConsistency(freshness, identityTokenWaiter(views, projector, config.CONSISTENCY_WAIT_MS));
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema: await buildIdentityReadSchema(views, consistency),
    logger,
    port: config.IDENTITY_READ_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    metrics: { token: config.METRICS_TOKEN },
    ...(deps.plugins ? { plugins: deps.plugins } : {}),
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }, ...projectorReadiness],
  });
  return {
    http,
    projector,
    subscription,
    dataSource,
    lag: () => subscription.lag().reduce((n, p) => n + p.lag, 0),
    freshness,
    readiness: projectorReadiness,
    async stop() {
      await http.stop();
      await subscription.stop();
      await dataSource.destroy();
    },
  };
}
