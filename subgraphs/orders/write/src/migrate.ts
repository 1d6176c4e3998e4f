import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('orders-write', databaseConfig);
