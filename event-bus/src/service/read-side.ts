import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ProcessRole } from '@crm/platform/config';
import { httpPortOf } from '@crm/platform/config';
import { createCache, MemoryCache, type Cache } from '@crm/platform/cache';
import { createDataSource, type DatabaseConfigOf } from '@crm/platform/db';
import { freshnessOf, projectionReadiness, startSubgraphService, type Freshness, type SubgraphServiceOptions } from '@crm/platform/graphql';
import { sendJson, startHttpService, type HttpService, type ReadinessCheck } from '@crm/platform/http';
import { withService } from '@crm/platform/logging';
import { GroupLagWatcher } from '../group-lag-watcher';
import type { Subscription } from '../ports';
import type { KafkaBus } from '../kafka/kafka-bus';
import type { Projector } from '../kit/projector';
import { rebuildIntoShadow, type ShadowRebuildResult } from '../rebuild/shadow-rebuild';
import { openServiceDatabase, type ServiceDeps, type ServiceHttpConfig } from './deps';

/** A read side: its name, database, the topics it projects, and its projector over its read models. */
export interface ReadSideDefinition<P extends Projector> {
  name: string;
  database: DatabaseConfigOf;
  topics: string[];
  /** The projector writing `dataSource` and invalidating `cache` after each commit. */
  projector(dataSource: DataSource, cache: Cache, logger: Logger, cacheTtlSeconds: number): P;
}

export interface ReadSideConfig extends ServiceHttpConfig {
  PROCESS_ROLE: ProcessRole;
  DATABASE_READ_URL?: string | undefined;
  REDIS_URL?: string | undefined;
  CACHE_TTL_SECONDS: number;
  READY_CATCH_UP_TIMEOUT_MS: number;
}

/** The Kafka consumer group of a read side's projector (API-only processes follow its lag). */
export const projectorGroupOf = (name: string): string => `${name}.projector`;

export interface ReadSide<P extends Projector> {
  /** The GraphQL API, or (PROCESS_ROLE=projector) a probe-only server. */
  http: HttpService;
  projector: P;
  /** This process's projector subscription (null with PROCESS_ROLE=api). */
  subscription: Subscription | null;
  cache: Cache;
  dataSource: DataSource;
  /** Messages not yet projected (by this process's projector, or by the projector group it follows). */
  lag(): number;
  /** The freshness every read reports (pending events, age of the oldest). */
  freshness(): Freshness;
  /** /readyz checks of the projector: fetching, and caught up with the bus's position at start. */
  readiness: ReadinessCheck[];
  stop(): Promise<void>;
}

/** What the API of a read side is built from: the database to query (a replica if configured), the cache, and the in-process projector (null when it runs elsewhere). */
export interface ReadApiContext<P extends Projector> {
  dataSource: DataSource;
  cache: Cache;
  projector: P | null;
  freshness: () => Freshness;
}

/**
 * A read subgraph and/or its projector, per PROCESS_ROLE: `all` (both, one process), `api`
 * (queries; follows the projector group's lag on the bus for freshness and readiness) or
 * `projector` (the consumer, with a probe-only HTTP server). The projector writes the primary
 * (DATABASE_URL) and invalidates the cache (Redis when REDIS_URL is set, so a separate API process
 * sees it); queries go to DATABASE_READ_URL when set.
 */
export async function startReadSide<P extends Projector>(
  definition: ReadSideDefinition<P>,
  config: ReadSideConfig,
  deps: ServiceDeps,
  api: (ctx: ReadApiContext<P>) => Promise<SubgraphServiceOptions['schema']>,
): Promise<ReadSide<P>> {
  const { name, topics } = definition;
  const runsApi = config.PROCESS_ROLE !== 'projector';
  const runsProjector = config.PROCESS_ROLE !== 'api';
  const logger = withService(deps.logger, name);
  const dataSource = await openServiceDatabase(definition.database, config, deps, logger);
  const closers: (() => Promise<void> | void)[] = [() => dataSource.destroy()];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    const readDataSource =
      config.DATABASE_READ_URL && runsApi
        ? await createDataSource({
            ...definition.database(config, logger),
            service: `${name}-replica`,
            databaseUrl: config.DATABASE_READ_URL,
            entities: [],
            migrations: [],
            migrate: false,
          })
        : dataSource;
    if (readDataSource !== dataSource) closers.push(() => readDataSource.destroy());
    const cache = deps.cache ?? (await createCache(config.REDIS_URL, logger));
    if (!deps.cache) closers.push(() => cache.close());
    const projector = definition.projector(dataSource, cache, logger, config.CACHE_TTL_SECONDS);
    await deps.bus.ensureTopics(topics);
    const group = projectorGroupOf(name);
    // a read API whose projector runs elsewhere (its own Deployment) follows the projector's group
    // on the bus, so its reads report that lag and its readiness waits for that catch-up too
    const subscription = runsProjector ? await projector.subscribe(deps.bus, { groupId: group, topics, logger }) : null;
    if (subscription) closers.push(() => subscription.stop());
    const watcher = !subscription && runsApi ? await GroupLagWatcher.start(deps.bus, group, topics, logger) : null;
    if (watcher) closers.push(() => watcher.stop());
    const progress = subscription ?? watcher;
    const freshness = freshnessOf({ lag: () => progress?.lag() ?? null });
    const readiness = progress ? projectionReadiness(progress, config.READY_CATCH_UP_TIMEOUT_MS, logger, freshness) : [];
    const common = {
      logger,
      port: httpPortOf(config, name),
      host: config.HOST,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      metrics: { token: config.METRICS_TOKEN },
    };
    const http = runsApi
      ? await startSubgraphService({
          ...common,
          name,
          schema: await api({ dataSource: readDataSource, cache, projector: subscription ? projector : null, freshness }),
          internalAuthSecret: config.INTERNAL_AUTH_SECRET,
          ...(deps.plugins ? { plugins: deps.plugins } : {}),
          readiness: [{ name: 'database', check: async () => (await readDataSource.query('SELECT 1')).length === 1 }, ...readiness],
        })
      : // projector-only process: probes only, so Kubernetes can watch it
        await startHttpService({
          ...common,
          name: `${name}-projector`,
          readiness,
          handler: (_req, res) =>
            sendJson(res, 404, { error: 'CRM.EXCEPTIONS.NOTFOUNDEXCEPTION', message: 'projector process: only /healthz and /readyz' }),
        });
    return {
      http,
      projector,
      subscription,
      cache,
      dataSource,
      lag: () => (progress ? progress.lag().reduce((n, p) => n + p.lag, 0) : 0),
      freshness,
      readiness,
      async stop() {
        // readiness off, SHUTDOWN_DELAY_MS, drain in-flight reads; then the consumer commits and leaves
        await http.stop();
        await close();
      },
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** A read side's rebuild entry point (what services.json's `exports.rebuild` names); a named type, so a service exporting one needs no import of its parts. */
export type ReadSideRebuild = (deps: { bus: KafkaBus; databaseUrl: string; logger: Logger }) => Promise<ShadowRebuildResult>;

/**
 * The rebuild of a read side (`npm run rebuild -- <name>`): replays its topics into a shadow schema
 * and swaps it in while the service keeps answering. The shadow projector writes through a
 * throwaway cache: the live cache keeps serving, and holds the same versions the rebuild produces.
 */
export function readSideRebuild<P extends Projector>(definition: ReadSideDefinition<P>): ReadSideRebuild {
  return (deps) =>
    rebuildIntoShadow({
      bus: deps.bus,
      topics: definition.topics,
      database: { ...definition.database({ DATABASE_URL: deps.databaseUrl, DATA_DIR: '.data' }, deps.logger), databaseUrl: deps.databaseUrl },
      handlerFor: (shadow) => definition.projector(shadow, new MemoryCache(), deps.logger, 60).handle,
      logger: deps.logger,
    });
}
