export * from './env';
export * from './schema';
export * from './service';
export type { ResolvedApiKey } from './internal/internal-routes';
export type { TenantCredentials, CreateTenant } from './application/tenants/create-tenant';
