import { serviceRegistry } from '@crm/platform/registry';

/**
 * The permission catalogue: every permission a role can grant, per domain. Resolvers name these
 * in their @Authorized rules; a test checks every rule uses a catalogued permission.
 */
export const PERMISSIONS = {
  contacts: ['contacts.read', 'contacts.write'],
  identity: ['users.read', 'users.manage', 'roles.manage', 'keys.manage', 'organisations.manage', 'security.manage'],
  finance: ['finance.read', 'finance.write'],
  rewards: ['rewards.read', 'rewards.write'],
  subscriptions: ['subscriptions.read', 'subscriptions.write'],
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS][number];
/** The permissions further domains declare in services.json (`permissions`), so adding a domain edits nothing here. */
const REGISTERED: readonly string[] = serviceRegistry().domains.flatMap((d) => d.permissions ?? []);
export const ALL_PERMISSIONS: readonly string[] = [...new Set([...Object.values(PERMISSIONS).flat(), ...REGISTERED])];

export function isCatalogued(permission: string): boolean {
  return ALL_PERMISSIONS.includes(permission);
}

/** Built-in roles every tenant gets at creation. Owner and admin differ only in who may remove owners. */
export const BUILT_IN_ROLES: readonly { name: string; permissions: readonly string[] }[] = [
  { name: 'owner', permissions: ALL_PERMISSIONS },
  { name: 'admin', permissions: ALL_PERMISSIONS },
  { name: 'agent', permissions: ['contacts.read', 'contacts.write', 'rewards.read', 'subscriptions.read', 'finance.read', 'users.read'] },
  { name: 'finance', permissions: ['contacts.read', 'finance.read', 'finance.write', 'subscriptions.read'] },
  { name: 'read_only', permissions: ['contacts.read', 'finance.read', 'rewards.read', 'subscriptions.read', 'users.read'] },
];
