import { serviceDatabase } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = 'orders_write';

/** This service's database settings, shared by the service, its migrate command and tests. */
export const databaseConfig = serviceDatabase('orders-write', DB_SCHEMA, migrations);
