import { serviceDatabase } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = 'orders_read';

/** This service's database settings, shared by the service, its migrate and rebuild commands and tests. */
export const databaseConfig = serviceDatabase('orders-read', DB_SCHEMA, migrations);
