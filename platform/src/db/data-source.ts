import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from 'pino';
import { pgliteDriver } from './pglite-pool';
import { dbPoolConnections } from '../observability/metrics';
import { openEmbeddedDatabase } from './embedded-database';

export interface DataSourceConfig {
  /** Service name (PostgreSQL application_name). */
  service: string;
  /** PostgreSQL URL; when absent an embedded PGlite database under `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Root folder of the embedded database (default `.data`): every service of a process shares `<dataDir>/db`, one schema each. */
  dataDir: string;
  /** PostgreSQL schema owned by this service (one schema per service in a shared database). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Run pending migrations at start (embedded default); k8s runs them in a Job instead. */
  migrate: boolean;
  /**
   * Keep data in memory only (tests); ignores `dataDir`. `true`: a private database; a name: one
   * in-memory database shared by the services of this process that pass the same name.
   */
  inMemory?: boolean | string;
  logger: Logger;
}

export function isEmbedded(config: Pick<DataSourceConfig, 'databaseUrl'>): boolean {
  return !config.databaseUrl;
}

/**
 * TypeORM data source for a service: PostgreSQL from DATABASE_URL, else embedded PGlite.
 * Schema sync is never used; the schema comes from migrations.
 */
export async function createDataSource(config: DataSourceConfig): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    schema: config.schema,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  };
  let dataSource: DataSource;
  if (config.databaseUrl) {
    dataSource = new DataSource({
      ...common,
      url: config.databaseUrl,
      poolSize: config.poolSize ?? 10,
      applicationName: config.service,
      extra: {
        connectionTimeoutMillis: 5000,
        statement_timeout: 15000,
        idle_in_transaction_session_timeout: 15000,
        // unqualified names (migrations, raw queries) resolve to the service's own schema first
        options: `-c search_path="${config.schema}",public`,
      },
    });
  } else {
    // One PGlite per process (per DATA_DIR), shared by every service in its own schema; the pool
    // sets the service's search_path whenever the session passes from one service to another.
    const embedded = await openEmbeddedDatabase(config.inMemory ? { memory: config.inMemory } : { dataDir: config.dataDir });
    dataSource = new DataSource({ ...common, driver: pgliteDriver(embedded.session, config.schema, () => embedded.release()) });
    try {
      await dataSource.initialize();
    } catch (err) {
      await embedded.release();
      throw err;
    }
  }
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
  if (config.migrate) {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) config.logger.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
  }
  trackPool(config.service, dataSource);
  return dataSource;
}

/** `db_pool_connections` for a PostgreSQL pool (node-postgres counts); PGlite has no pool to show. */
function trackPool(service: string, dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: { totalCount?: number; idleCount?: number; waitingCount?: number } }).master;
  if (!pool || typeof pool.totalCount !== 'number') return;
  const untrack = dbPoolConnections().track(() => [
    { labels: { service, state: 'total' }, value: pool.totalCount ?? 0 },
    { labels: { service, state: 'idle' }, value: pool.idleCount ?? 0 },
    { labels: { service, state: 'waiting' }, value: pool.waitingCount ?? 0 },
  ]);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    untrack();
    await destroy();
  };
}

/** PostgreSQL SQLSTATE of a driver error, if any. */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';

/**
 * Entry point of a service's `migrate` command: applies pending migrations and exits 0, or
 * prints the failure and exits 1 (the Kubernetes migrate Job runs it before a rollout).
 */
export function migrateAndExit(config: Omit<DataSourceConfig, 'migrate' | 'entities'>): void {
  createDataSource({ ...config, entities: [], migrate: true })
    .then(async (dataSource) => {
      await dataSource.destroy();
      config.logger.info('migrations are up to date');
    })
    .catch((err: unknown) => {
      process.stderr.write(`migration failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    });
}
