import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { httpPortOf } from '@crm/platform/config';
import type { DatabaseConfigOf } from '@crm/platform/db';
import { startSubgraphService, type SubgraphServiceOptions } from '@crm/platform/graphql';
import type { HttpService } from '@crm/platform/http';
import { withService } from '@crm/platform/logging';
import { OutboxRelay } from '../outbox';
import { openServiceDatabase, type ServiceDeps, type ServiceHttpConfig, type Stoppable } from './deps';

export interface WriteSideConfig extends ServiceHttpConfig {
  OUTBOX_POLL_MS: number;
  OUTBOX_IDLE_POLL_MAX_MS?: number;
}

/** What a write side builds on its database and relay: its schema, and what it runs beside the API. */
export interface WriteSideParts<A> {
  schema: SubgraphServiceOptions['schema'];
  routes?: SubgraphServiceOptions['routes'];
  /** Consumers and the like, stopped after the API has drained and before the relay. */
  running?: Stoppable[];
  /** The service's own handles (commands, …), returned beside the kit's. */
  app: A;
}

/** What a write side's parts are built on. */
export interface WriteSideContext {
  dataSource: DataSource;
  relay: OutboxRelay;
  logger: Logger;
}

export interface WriteSide {
  http: HttpService;
  relay: OutboxRelay;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/**
 * A write subgraph: its database (migrated at start unless DB_MIGRATE=false), its topic, the
 * outbox relay publishing what commands commit, the parts the service builds on them, and the
 * GraphQL API with /healthz, /readyz (database) and /metrics. Stops in order: the API drains
 * (readiness off, SHUTDOWN_DELAY_MS, in-flight mutations), then what runs beside it, then the
 * relay (publishing what those mutations committed), then the pool.
 */
export async function startWriteSide<A>(
  options: { name: string; database: DatabaseConfigOf; topics: string[]; config: WriteSideConfig; deps: ServiceDeps },
  build: (ctx: WriteSideContext) => Promise<WriteSideParts<A>>,
): Promise<WriteSide & A> {
  const { name, config, deps } = options;
  const logger = withService(deps.logger, name);
  const dataSource = await openServiceDatabase(options.database, config, deps, logger);
  const relay = new OutboxRelay(dataSource, deps.bus, logger, {
    name,
    pollIntervalMs: config.OUTBOX_POLL_MS,
    maxIdlePollIntervalMs: config.OUTBOX_IDLE_POLL_MAX_MS,
  });
  let parts: WriteSideParts<A> | null = null;
  const stopParts = async () => {
    for (const r of [...(parts?.running ?? [])].reverse()) await r.stop();
  };
  try {
    await deps.bus.ensureTopics(options.topics);
    relay.start();
    parts = await build({ dataSource, relay, logger });
    const http = await startSubgraphService({
      name,
      schema: parts.schema,
      logger,
      port: httpPortOf(config, name),
      host: config.HOST,
      internalAuthSecret: config.INTERNAL_AUTH_SECRET,
      shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
      metrics: { token: config.METRICS_TOKEN },
      ...(deps.plugins ? { plugins: deps.plugins } : {}),
      ...(parts.routes ? { routes: parts.routes } : {}),
      readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }],
    });
    return {
      ...parts.app,
      http,
      relay,
      dataSource,
      async stop() {
        await http.stop();
        await stopParts();
        await relay.stop();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await stopParts().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}
