import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { createCache, type Cache } from '@crm/platform/cache';
import { freshnessOf, startSubgraphService, type SubgraphServiceOptions } from '@crm/platform/graphql';
import { sendJson, startHttpService, type HttpService } from '@crm/platform/http';
import type { EventBus, Subscription } from '@crm/event-bus';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactsProjector } from './consumers/contacts-events.consumer';
import { databaseConfig } from './persistence/database';
import { ContactQueries } from './queries/contact-queries';
import { buildContactsReadSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsReadConfig } from './env';

export const PROJECTOR_GROUP = 'contacts-read.projector';

export interface ContactsReadService {
  http: HttpService | null;
  projector: ContactsProjector;
  subscription: Subscription | null;
  cache: Cache;
  dataSource: DataSource;
  /** Messages not yet projected by this process's subscription. */
  lag(): number;
  stop(): Promise<void>;
}

/** Starts the contacts read subgraph and/or its projector, per configuration. */
export async function startContactsRead(
  config: ContactsReadConfig,
  deps: { bus: EventBus; logger: Logger; cache?: Cache; inMemoryDb?: boolean; plugins?: SubgraphServiceOptions['plugins'] },
): Promise<ContactsReadService> {
  const logger = deps.logger.child({ service: SUBGRAPH_NAME });
  const dataSource = await createDataSource({ ...databaseConfig(config, logger), entities: [], migrate: config.DB_MIGRATE, inMemory: deps.inMemoryDb ?? false });
  const readDataSource =
    config.DATABASE_READ_URL && config.READ_API_ENABLED
      ? await createDataSource({ ...databaseConfig(config, logger), service: `${SUBGRAPH_NAME}-replica`, databaseUrl: config.DATABASE_READ_URL, entities: [], migrations: [], migrate: false })
      : dataSource;
  const cache = deps.cache ?? (await createCache(config.REDIS_URL, logger));
  const projector = new ContactsProjector(dataSource, cache, config.CACHE_TTL_SECONDS, logger);
  let subscription: Subscription | null = null;
  if (config.PROJECTOR_ENABLED) {
    await deps.bus.ensureTopics([CONTACTS_TOPIC]);
    subscription = await projector.subscribe(deps.bus, { groupId: PROJECTOR_GROUP, topics: [CONTACTS_TOPIC] });
  }
  const lag = () => (subscription ? subscription.lag().reduce((n, p) => n + p.lag, 0) : 0);
  const freshness = () => freshnessOf({ lag: () => subscription?.lag() ?? null, lastEventOccurredAt: () => projector.stats.lastEventOccurredAt });
  let http: HttpService | null = null;
  if (config.READ_API_ENABLED) {
    const queries = new ContactQueries(readDataSource, cache, config.CACHE_TTL_SECONDS, config.PROJECTOR_ENABLED ? projector : null, config.CONSISTENCY_WAIT_MS);
    http = await startSubgraphService({
      name: SUBGRAPH_NAME,
      schema: await buildContactsReadSchema(queries, freshness),
      logger,
      port: config.CONTACTS_READ_PORT,
      host: config.HOST,
      internalAuthSecret: config.INTERNAL_AUTH_SECRET,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      ...(deps.plugins ? { plugins: deps.plugins } : {}),
      readiness: [
        { name: 'database', check: async () => (await readDataSource.query('SELECT 1')).length === 1 },
        ...(subscription ? [{ name: 'projector', check: () => subscription!.isRunning() }] : []),
      ],
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
      readiness: subscription ? [{ name: 'projector', check: () => subscription!.isRunning() }] : [],
      handler: (_req, res) => sendJson(res, 404, { error: 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION', message: 'projector process: only /healthz and /readyz' }),
    });
  }
  return {
    http,
    projector,
    subscription,
    cache,
    dataSource,
    lag,
    async stop() {
      await http?.stop();
      await subscription?.stop();
      if (!deps.cache) await cache.close();
      if (readDataSource !== dataSource) await readDataSource.destroy();
      await dataSource.destroy();
    },
  };
}
