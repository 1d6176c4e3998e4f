import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('catalogue-read', databaseConfig);
