import type { Logger } from 'pino';
import type { DataSourceConfig } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = 'widgets_read';

/** This service's database settings, shared by the service and its migrate command. */
export function databaseConfig(
  config: { DATABASE_URL?: string | undefined; DATA_DIR: string },
  logger: Logger,
): Omit<DataSourceConfig, 'migrate' | 'entities'> {
  return { service: 'widgets-read', schema: DB_SCHEMA, databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, migrations, logger };
}
