import {
  BACK_OFFICE_PERMISSIONS,
  backOfficePermissions,
  isPermission,
  PERMISSION_CATALOGUE,
  permissionsOf,
  type PermissionCatalogue,
} from '@crm/platform/auth';

/**
 * The permission catalogue is platform's (platform/src/auth/permissions.ts, per domain); resolvers
 * name its permissions in their @Authorized rules, typed.
 */
export { ALL_PERMISSIONS, PERMISSION_CATALOGUE, type Permission } from '@crm/platform/auth';

export function isCatalogued(permission: string): boolean {
  return isPermission(permission);
}

export interface BuiltInRole {
  name: string;
  permissions: readonly string[];
}

/**
 * Built-in roles every tenant gets at creation, for a permission catalogue: owner and admin hold
 * every Back-Office permission of every domain (and so the admin secret key does), so a domain's
 * new permission is theirs with no edit here; they differ only in who may remove owners.
 */
export function builtInRoles(catalogue: PermissionCatalogue = PERMISSION_CATALOGUE): BuiltInRole[] {
  const everything = permissionsOf(catalogue);
  const backOffice = backOfficePermissions(catalogue);
  return [
    { name: 'owner', permissions: everything },
    { name: 'admin', permissions: backOffice },
    { name: 'agent', permissions: ['contacts.read', 'contacts.write', 'rewards.read', 'subscriptions.read', 'finance.read', 'users.read'] },
    { name: 'finance', permissions: ['contacts.read', 'finance.read', 'finance.write', 'subscriptions.read'] },
    { name: 'read_only', permissions: ['contacts.read', 'finance.read', 'rewards.read', 'subscriptions.read', 'users.read'] },
  ];
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = builtInRoles();
export { BACK_OFFICE_PERMISSIONS };
