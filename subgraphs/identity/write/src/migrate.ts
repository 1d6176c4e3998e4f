import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('identity-write', databaseConfig);
