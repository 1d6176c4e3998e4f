import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource, type DatabaseConfigOf } from '@crm/platform/db';
import type { Cache, RedisClient } from '@crm/platform/cache';
import type { SubgraphServiceOptions } from '@crm/platform/graphql';
import { HttpGatewayClient, type GatewayClient } from '@crm/platform/clients';
import type { EventBus } from '../ports';

/**
 * What a service's start function is given: by `runService` in its own process (bus and logger),
 * or by the launcher running every service in one process (which also shares its cache, Redis
 * client and embedded database). What a service is not given it opens itself and closes on stop.
 */
export interface ServiceDeps {
  bus: EventBus;
  logger: Logger;
  cache?: Cache | undefined;
  redis?: RedisClient | undefined;
  /** Embedded database in memory (tests): true private, a name shared by the services that pass it. */
  inMemoryDb?: boolean | string | undefined;
  plugins?: SubgraphServiceOptions['plugins'];
  /** Calls to other domains through the gateway (the launcher's; else `serviceGateway` builds one from GATEWAY_URL). */
  gateway?: GatewayClient | undefined;
}

/** The client a service calls other domains with: the launcher's, or one for GATEWAY_URL signed with INTERNAL_AUTH_SECRET. */
export function serviceGateway(service: string, config: { GATEWAY_URL: string; INTERNAL_AUTH_SECRET: string }, deps: ServiceDeps): GatewayClient {
  return deps.gateway ?? new HttpGatewayClient({ url: config.GATEWAY_URL, secret: config.INTERNAL_AUTH_SECRET, service });
}

/** Settings every service's HTTP side reads (the groups httpEnv and dbEnv). */
export interface ServiceHttpConfig {
  HOST: string;
  INTERNAL_AUTH_SECRET: string;
  GATEWAY_URL: string;
  SHUTDOWN_DELAY_MS: number;
  METRICS_TOKEN?: string | undefined;
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  DB_MIGRATE: boolean;
}

export interface Stoppable {
  stop(): Promise<void> | void;
}

/** A service's own database: its schema and migrations (run at start unless DB_MIGRATE=false), in memory in tests. */
export function openServiceDatabase(database: DatabaseConfigOf, config: ServiceHttpConfig, deps: ServiceDeps, logger: Logger): Promise<DataSource> {
  return createDataSource({ ...database(config, logger), entities: [], migrate: config.DB_MIGRATE, inMemory: deps.inMemoryDb ?? false });
}
