import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { createDataSource } from '@crm/platform/db';
import { loadMigrateConfig } from './env';
import { migrations } from './persistence/migrations';
import { SUBGRAPH_NAME } from './schema';

/** Applies pending migrations and exits (the Kubernetes migrate Job runs this before a rollout). */
async function main(): Promise<void> {
  const config = loadMigrateConfig();
  const logger = createLogger(`${SUBGRAPH_NAME}-migrate`, config.LOG_LEVEL);
  const dataSource = await createDataSource({
    service: SUBGRAPH_NAME,
    schema: 'contacts_read',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    entities: [],
    migrations,
    migrate: true,
    logger,
  });
  await dataSource.destroy();
  logger.info('migrations are up to date');
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
