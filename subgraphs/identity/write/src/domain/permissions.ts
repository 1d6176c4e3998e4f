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
    {
      name: 'agent',
      permissions: [
        'contacts.read',
        'contacts.write',
        'rewards.read',
        'subscriptions.read',
        'finance.read',
        'users.read',
        'engagement.read',
        'engagement.write',
      ],
    },
    { name: 'finance', permissions: ['contacts.read', 'finance.read', 'finance.write', 'subscriptions.read'] },
    { name: 'read_only', permissions: ['contacts.read', 'finance.read', 'rewards.read', 'subscriptions.read', 'users.read', 'engagement.read'] },
  ];
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = builtInRoles();

/** A stored role as the permission look-ups read it. */
export interface StoredRole {
  name: string;
  builtIn: boolean;
  permissions: readonly string[];
}

/**
 * What a stored role grants now. A built-in role grants what the catalogue gives it today, not the
 * list stored when its tenant was created, so a tenant made before a domain existed gets that
 * domain's permissions on its owner and admin roles (and the admin secret key) after an upgrade.
 * A custom role grants exactly what it stores.
 */
export function rolePermissions(role: StoredRole, builtIns: readonly BuiltInRole[] = BUILT_IN_ROLES): readonly string[] {
  if (!role.builtIn) return role.permissions;
  return builtIns.find((r) => r.name === role.name)?.permissions ?? role.permissions;
}

/** The sorted union of what some stored roles grant now (`rolePermissions`). */
export function permissionsOfRoles(roles: readonly StoredRole[], builtIns: readonly BuiltInRole[] = BUILT_IN_ROLES): string[] {
  return [...new Set(roles.flatMap((r) => rolePermissions(r, builtIns)))].sort();
}
export { BACK_OFFICE_PERMISSIONS };
