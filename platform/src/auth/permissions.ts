/**
 * The permission catalogue: every permission a role can grant, declared per domain as data. Each
 * domain adds its block here (no subgraph imports another, so the catalogue lives in platform/);
 * `@Authorized` rules, role definitions and the built-in roles are checked against it.
 */

export interface PermissionSpec {
  readonly description: string;
  /** Granted in the Back-Office (to users' roles and secret keys); the built-in admin role holds every one. Default true. */
  readonly backOffice?: boolean;
}

export type PermissionCatalogue = Readonly<Record<string, Readonly<Record<string, PermissionSpec>>>>;

/** Checks the shape of a catalogue: `<domain>.<action>` names, each declared once. */
export function definePermissions<const T extends PermissionCatalogue>(catalogue: T): T {
  const seen = new Set<string>();
  for (const [domain, permissions] of Object.entries(catalogue)) {
    for (const name of Object.keys(permissions)) {
      if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(name)) throw new Error(`permission ${name} of ${domain} is not <area>.<action>`);
      if (seen.has(name)) throw new Error(`permission ${name} is declared twice`);
      seen.add(name);
    }
  }
  return catalogue;
}

export const PERMISSION_CATALOGUE = definePermissions({
  contacts: {
    'contacts.read': { description: 'Read contacts' },
    'contacts.write': { description: 'Create, change and unregister contacts, their addresses, tags and identities' },
  },
  identity: {
    'users.read': { description: 'Read the directory: users, roles and teams' },
    'users.manage': { description: 'Create, change and disable users; manage teams' },
    'roles.manage': { description: 'Create, change and delete roles' },
    'keys.manage': { description: 'Create, rotate and revoke api keys and applications' },
    'organisations.manage': { description: 'Create organisations under the business' },
    'security.manage': { description: 'Configure external sign-in providers' },
  },
  finance: {
    'finance.read': { description: 'Read accounts, wallets and invoices' },
    'finance.write': { description: 'Change accounts, wallets and invoices' },
  },
  rewards: {
    'rewards.read': { description: 'Read reward schemes, offers and awards' },
    'rewards.write': { description: 'Change reward schemes, offers and awards' },
  },
  subscriptions: {
    'subscriptions.read': { description: 'Read subscriptions and services' },
    'subscriptions.write': { description: 'Change subscriptions and services' },
  },
  widgets: {
    'widgets.read': { description: 'Read widgets' },
    'widgets.write': { description: 'Create widgets' },
  },
  settings: {
    'settings.read': { description: 'Read settings: files, custom field definitions, applications' },
    'settings.write': { description: 'Manage settings: files, custom field definitions, applications' },
  },
  ledger: {
    'ledger.read': { description: 'Read wallets, accounts, balances, lots and journals' },
    'ledger.write': { description: 'Move value: credit, debit, transfer, reserve, capture, release, reverse (service principals of other domains)' },
    'ledger.journal': { description: 'Post manual journals (credit or debit a contact wallet or account)' },
  },
  catalogue: {
    'catalogue.read': { description: 'Read products, prices, product types, brands, families, categories and order catalogues' },
    'catalogue.write': { description: 'Create and change products, prices, components, product groups and order catalogues' },
  },
  engagement: {
    'engagement.read': { description: 'Read queues, service requests and activities' },
    'engagement.write': { description: 'Raise, assign, progress and annotate service requests; manage activities' },
    'engagement.manage': { description: 'Configure service request queues (stages, categories, default priority)' },
  },
  integrations: {
    'integrations.read': { description: 'Read webhook endpoints and their delivery logs' },
    'integrations.write': { description: 'Register, change, delete webhook endpoints, rotate their secrets, replay deliveries' },
  },
  billing: {
    'billing.read': { description: 'Read payment methods, top-ups, invoices and billing runs' },
    'billing.write': { description: 'Manage payment methods, top-ups, payments and payouts' },
  },
  orders: {
    'orders.read': { description: 'Read orders' },
    'orders.write': { description: 'Estimate and place orders, act on them (progress, complete, cancel)' },
  },
});

type Catalogue = typeof PERMISSION_CATALOGUE;
/** Every catalogued permission name, e.g. `contacts.read`. */
export type Permission = { [D in keyof Catalogue]: keyof Catalogue[D] & string }[keyof Catalogue];

/** The permission names of a catalogue, in catalogue order. */
export function permissionsOf(catalogue: PermissionCatalogue): string[] {
  return Object.values(catalogue).flatMap((permissions) => Object.keys(permissions));
}

/** Every Back-Office permission of every domain of a catalogue: what the built-in admin role holds. */
export function backOfficePermissions(catalogue: PermissionCatalogue): string[] {
  return Object.values(catalogue).flatMap((permissions) =>
    Object.entries(permissions)
      .filter(([, spec]) => spec.backOffice !== false)
      .map(([name]) => name),
  );
}

export const ALL_PERMISSIONS = permissionsOf(PERMISSION_CATALOGUE) as readonly Permission[];
export const BACK_OFFICE_PERMISSIONS = backOfficePermissions(PERMISSION_CATALOGUE) as readonly Permission[];

export function isPermission(name: string): name is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(name);
}
