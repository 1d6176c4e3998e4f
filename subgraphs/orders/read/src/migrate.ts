import { runMigrations } from '@crm/platform/db';
import { databaseConfig } from './persistence/database';

runMigrations('orders-read', databaseConfig);
