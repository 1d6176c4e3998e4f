import { serviceDatabase } from '@crm/platform/db';
import { migrations } from './migrations';

export const DB_SCHEMA = 'identity_write';

/** This service's database settings, shared by the service, its migrate command, the admin CLI and tests. */
export const databaseConfig = serviceDatabase('identity-write', DB_SCHEMA, migrations);
