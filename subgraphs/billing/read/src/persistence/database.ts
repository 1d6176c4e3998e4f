import { serviceDatabase } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = 'billing_read';

/** This service's database settings, shared by the service, its migrate and rebuild commands and tests. */
export const databaseConfig = serviceDatabase('billing-read', DB_SCHEMA, migrations);
