import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('integrations-write', databaseConfig);
