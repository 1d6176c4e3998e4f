import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The authorization policy of every root field, as data: which kinds of caller may get past
 * authorization. The role-matrix test checks the running platform against it exactly, so a new
 * field without an entry (or a rule that drifts) fails the build.
 *
 * Callers: the built-in roles (owner, admin, agent, finance, read_only) as signed-in users, a
 * secret key bound to the admin role, a signed-in contact, and an anonymous caller holding only
 * the public api_key. `self` fields admit a contact for its own records (ownership is checked
 * after authorization, so a contact passes authorization here).
 */
export const CALLERS = ['owner', 'admin', 'agent', 'finance', 'read_only', 'secret_key', 'contact', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];
/** Root field (`Query.contact`) → the callers that get past authorization. */
export type DomainPolicy = Record<string, readonly Caller[]>;

const USERS: Caller[] = ['owner', 'admin', 'agent', 'finance', 'read_only'];
const EVERYONE: Caller[] = [...CALLERS];
const CONTACTS_READ: Caller[] = [...USERS, 'secret_key'];
const CONTACTS_WRITE: Caller[] = ['owner', 'admin', 'agent', 'secret_key'];
const MANAGERS: Caller[] = ['owner', 'admin', 'secret_key'];
/** Holders of users.read (owner, admin, agent, read_only) or a managing permission (the admin secret key). */
const DIRECTORY_READERS: Caller[] = ['owner', 'admin', 'agent', 'read_only', 'secret_key'];

const PLATFORM_POLICY: DomainPolicy = {
  // contacts (read)
  'Query.contact': [...CONTACTS_READ, 'contact'],
  'Query.contacts': CONTACTS_READ,
  // contacts (write)
  'Mutation.createContact': CONTACTS_WRITE,
  'Mutation.updateContact': [...CONTACTS_WRITE, 'contact'],
  'Mutation.setContactTags': CONTACTS_WRITE,
  'Mutation.addContactAddress': [...CONTACTS_WRITE, 'contact'],
  'Mutation.updateContactAddress': [...CONTACTS_WRITE, 'contact'],
  'Mutation.removeContactAddress': [...CONTACTS_WRITE, 'contact'],
  'Mutation.unregisterContact': [...CONTACTS_WRITE, 'contact'],
  // identity: sessions
  'Mutation.authenticateUser': EVERYONE,
  'Mutation.refreshSession': EVERYONE,
  'Mutation.signOut': [...USERS, 'secret_key', 'contact'],
  'Mutation.switchOrganisation': USERS,
  'Mutation.changeUserPassword': USERS,
  'Mutation.requestUserPasswordReset': EVERYONE,
  'Mutation.resetUserPassword': EVERYONE,
  // identity: directory
  'Mutation.createApiKey': MANAGERS,
  'Mutation.rotateApiKey': MANAGERS,
  'Mutation.revokeApiKey': MANAGERS,
  'Mutation.createUser': MANAGERS,
  'Mutation.updateUser': MANAGERS,
  'Mutation.disableUser': MANAGERS,
  'Mutation.createRole': MANAGERS,
  'Mutation.updateRole': MANAGERS,
  'Mutation.deleteRole': MANAGERS,
  'Mutation.createTeam': MANAGERS,
  'Mutation.updateTeam': MANAGERS,
  'Mutation.deleteTeam': MANAGERS,
  'Mutation.createApplication': MANAGERS,
  'Mutation.createOrganisation': MANAGERS,
  // identity (read): 'authenticated' admits keys and contacts too; `me` answers null for them
  'Query.me': [...USERS, 'secret_key', 'contact'],
  'Query.users': DIRECTORY_READERS,
  'Query.user': DIRECTORY_READERS,
  'Query.roles': DIRECTORY_READERS,
  'Query.teams': DIRECTORY_READERS,
  'Query.team': DIRECTORY_READERS,
  'Query.apiKeys': MANAGERS,
  'Query.organisations': USERS,
  // identity: contacts' identities (Self-Service)
  'Query.contactIdentityExists': EVERYONE,
  'Mutation.registerContact': EVERYONE,
  'Mutation.authenticateContact': EVERYONE,
  'Mutation.requestContactOtp': EVERYONE,
  'Mutation.validateContactOtp': EVERYONE,
  'Mutation.requestContactPasswordReset': EVERYONE,
  'Mutation.resetContactPassword': EVERYONE,
  'Mutation.changeContactPassword': ['contact'],
  'Mutation.requestContactEmailVerification': EVERYONE,
  'Mutation.verifyContactEmail': EVERYONE,
  'Mutation.addContactIdentity': [...CONTACTS_WRITE, 'contact'],
  // identity: external sign-in providers (OIDC, Google, Facebook)
  'Mutation.oidcAuthorizationUrl': EVERYONE,
  'Mutation.authenticateContactExternal': EVERYONE,
  // identity: the tenant's external sign-in providers (security.manage)
  'Mutation.configureOidcProvider': MANAGERS,
  'Mutation.configureFacebookProvider': MANAGERS,
  'Mutation.removeIdentityProvider': MANAGERS,
  'Query.identityProviders': MANAGERS,
};

/**
 * The policies of further domains: one file per domain in `policies/` exporting `policy` (written
 * by `npm run new-domain`), discovered so that adding a domain edits nothing here.
 */
function domainPolicies(): DomainPolicy[] {
  const dir = join(__dirname, 'policies');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(d|test)\.ts$|\.test\.js$|\.map$/.test(f))
    .map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- one file per domain, discovered
      const mod = require(join(dir, f)) as { policy?: DomainPolicy };
      if (!mod.policy) throw new Error(`security/policies/${f} must export \`policy\``);
      return mod.policy;
    });
}

export const POLICY: DomainPolicy = Object.assign({}, PLATFORM_POLICY, ...domainPolicies());
