import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createCache, type Cache } from '@crm/platform/cache';
import { freshnessOf, projectionReadiness, startSubgraphService, type Freshness, type SubgraphServiceOptions } from '@crm/platform/graphql';
import { sendJson, startHttpService, type HttpService, type ReadinessCheck } from '@crm/platform/http';
import { GroupLagWatcher, type EventBus, type Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactsProjector } from './consumers/contacts-events.consumer';
import { databaseConfig } from './persistence/database';
import { ContactQueries } from './queries/contact-queries';
import { buildContactsReadSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsReadConfig } from './env';
import { withService } from '@crm/platform/logging';

export const PROJECTOR_GROUP = 'contacts-read.projector';

export interface ContactsReadService {
  http: HttpService | null;
  projector: ContactsProjector;
  subscription: Subscription | null;
  cache: Cache;
  dataSource: DataSource;
  /** Messages not yet projected by this process's subscription. */
  lag(): number;
  /** The freshness every read reports (pending events, age of the oldest). */
  freshness(): Freshness;
  /** /readyz checks of the projector: fetching, and caught up with the bus's position at start. */
  readiness: ReadinessCheck[];
  stop(): Promise<void>;
}

/** Starts the contacts read subgraph and/or its projector, per configuration. */
export async function startContactsRead(
  config: ContactsReadConfig,
  deps: { bus: EventBus; logger: Logger; cache?: Cache; inMemoryDb?: boolean | string; plugins?: SubgraphServiceOptions['plugins'] },
): Promise<ContactsReadService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  const readDataSource =
    config.DATABASE_READ_URL && config.READ_API_ENABLED
      ? await createDataSource({
          ...databaseConfig(config, logger),
          service: `${SUBGRAPH_NAME}-replica`,
          databaseUrl: config.DATABASE_READ_URL,
          entities: [],
          migrations: [],
          migrate: false,
        })
      : dataSource;
  const cache = deps.cache ?? (await createCache(config.REDIS_URL, logger));
  const projector = new ContactsProjector(dataSource, cache, config.CACHE_TTL_SECONDS, logger);
  let subscription: Subscription | null = null;
  if (config.PROJECTOR_ENABLED) {
    await deps.bus.ensureTopics([CONTACTS_TOPIC]);
    subscription = await projector.subscribe(deps.bus, { groupId: PROJECTOR_GROUP, topics: [CONTACTS_TOPIC], logger });
  }
  // a read API whose projector runs elsewhere (its own Deployment) follows the projector's group
  // on the bus, so its reads report that lag and its readiness waits for that catch-up too
  let watcher: GroupLagWatcher | null = null;
  if (!subscription && config.READ_API_ENABLED) {
    await deps.bus.ensureTopics([CONTACTS_TOPIC]);
    watcher = await GroupLagWatcher.start(deps.bus, PROJECTOR_GROUP, [CONTACTS_TOPIC], logger);
  }
  const progress = subscription ?? watcher;
  const lag = () => (progress ? progress.lag().reduce((n, p) => n + p.lag, 0) : 0);
  const freshness = freshnessOf({ lag: () => progress?.lag() ?? null });
  const projectorReadiness = progress ? projectionReadiness(progress, config.READY_CATCH_UP_TIMEOUT_MS, logger, freshness) : [];
  let http: HttpService | null = null;
  if (config.READ_API_ENABLED) {
    const queries = new ContactQueries(
      readDataSource,
      cache,
      config.CACHE_TTL_SECONDS,
      config.PROJECTOR_ENABLED ? projector : null,
      config.CONSISTENCY_WAIT_MS,
    );
    http = await startSubgraphService({
      name: SUBGRAPH_NAME,
      schema: await buildContactsReadSchema(queries, freshness),
      logger,
      port: config.CONTACTS_READ_PORT,
      host: config.HOST,
      internalAuthSecret: config.INTERNAL_AUTH_SECRET,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      metrics: { token: config.METRICS_TOKEN },
      ...(deps.plugins ? { plugins: deps.plugins } : {}),
      readiness: [{ name: 'database', check: async () => (await readDataSource.query('SELECT 1')).length === 1 }, ...projectorReadiness],
    });
  }
  if (!http) {
    // projector-only process: probes only, so Kubernetes can watch it
    http = await startHttpService({
      name: `${SUBGRAPH_NAME}-projector`,
      port: config.CONTACTS_READ_PORT,
      host: config.HOST,
      logger,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      metrics: { token: config.METRICS_TOKEN },
      readiness: projectorReadiness,
      handler: (_req, res) =>
        sendJson(res, 404, { error: 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION', message: 'projector process: only /healthz and /readyz' }),
    });
  }
  return {
    http,
    projector,
    subscription,
    cache,
    dataSource,
    lag,
    freshness,
    readiness: projectorReadiness,
    async stop() {
      await http?.stop();
      await subscription?.stop();
      watcher?.stop();
      if (!deps.cache) await cache.close();
      if (readDataSource !== dataSource) await readDataSource.destroy();
      await dataSource.destroy();
    },
  };
}
