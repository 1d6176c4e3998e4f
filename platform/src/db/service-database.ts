import 'reflect-metadata';
import type { Logger } from 'pino';
import { z } from 'zod';
import { loadEnvOrExit } from '../config/load-env';
import { processEnv } from '../config/env';
import { migrateEnv } from '../config/groups';
import { createLogger } from '../logging/logger';
import { migrateAndExit, type DataSourceConfig } from './data-source';

/** A service's database settings from its config (DATABASE_URL, DATA_DIR), shared by the service, its migrate and rebuild entry points and its tests. */
export type DatabaseConfigOf = (
  config: { DATABASE_URL?: string | undefined; DATA_DIR: string },
  logger: Logger,
) => Omit<DataSourceConfig, 'migrate' | 'entities'>;

/** The database of a service: its own schema (in PostgreSQL or the shared embedded database) and migrations. */
export function serviceDatabase(service: string, schema: string, migrations: DataSourceConfig['migrations']): DatabaseConfigOf {
  return (config, logger) => ({ service, schema, databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrations, logger });
}

/**
 * A service's migrate entry point (the Kubernetes migrate Job runs it before a rollout): reads only
 * what migrating needs, applies pending migrations and exits (78 on configuration errors).
 */
export function runMigrations(service: string, database: DatabaseConfigOf): void {
  const config = loadEnvOrExit(`${service}-migrate`, z.object(migrateEnv), processEnv());
  migrateAndExit(database(config, createLogger(`${service}-migrate`, config.LOG_LEVEL)));
}
