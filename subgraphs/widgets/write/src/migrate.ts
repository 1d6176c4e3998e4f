import 'reflect-metadata';
import { createLogger } from '@crm/platform/logging';
import { migrateAndExit } from '@crm/platform/db';
import { loadMigrateConfig } from './env';
import { databaseConfig } from './persistence/database';

/** Applies pending migrations and exits (the Kubernetes migrate Job runs this before a rollout). */
const config = loadMigrateConfig();
migrateAndExit(databaseConfig(config, createLogger('widgets-write-migrate', config.LOG_LEVEL)));
