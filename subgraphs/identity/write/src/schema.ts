import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { AuthResolver } from './graphql/auth.resolver';
import { KeysResolver } from './graphql/keys.resolver';
import { UsersResolver } from './graphql/users.resolver';
import { RolesResolver } from './graphql/roles.resolver';
import { TeamsResolver } from './graphql/teams.resolver';
import { TenantResolver } from './graphql/tenant.resolver';
import { NetworkResolver } from './graphql/network.resolver';
import { ContactAuthResolver } from './graphql/contact-auth.resolver';
import { ContactOrganisationsResolver } from './graphql/contact-organisations.resolver';
import type { ContactOrganisations } from './application/contacts/contact-organisations';
import { ExternalSignInResolver } from './graphql/external-sign-in.resolver';
import { IdentityProvidersResolver } from './graphql/identity-providers.resolver';
import { ContactSwitchResolver } from './graphql/contact-switch.resolver';
import type { ContactSwitch } from './application/contacts/contact-switch';
import type { ContactAuth } from './application/contacts/contact-auth';
import type { ExternalSignIn } from './application/providers/external-sign-in';
import type { TenantProviderStore } from './application/providers/tenant-providers';
import type { UserAuth } from './application/auth/user-auth';
import type { Sessions } from './application/auth/sessions';
import type { UnitOfWork } from './application/unit-of-work';
import type { IdentitySecrets } from './application/identity-secrets';

export const SUBGRAPH_NAME = 'identity-write';

export interface IdentityWriteResolvers {
  users: UserAuth;
  sessions: Sessions;
  uow: UnitOfWork;
  secrets: IdentitySecrets;
  contacts: ContactAuth;
  contactOrganisations: ContactOrganisations;
  knownContact: (tenantId: string, contactId: string) => Promise<boolean>;
  external: ExternalSignIn;
  providers: TenantProviderStore;
  /** Community switching (a member acts as the owner); absent: the mutation answers unavailable. */
  switching?: ContactSwitch;
}

/** Every resolver class of the subgraph (the permission-catalogue test walks their rules). */
export const RESOLVERS = [
  AuthResolver,
  KeysResolver,
  UsersResolver,
  RolesResolver,
  TeamsResolver,
  TenantResolver,
  NetworkResolver,
  ContactAuthResolver,
  ContactOrganisationsResolver,
  ExternalSignInResolver,
  IdentityProvidersResolver,
  ContactSwitchResolver,
] as const;

export function buildIdentityWriteSchema(deps: IdentityWriteResolvers | null): Promise<GraphQLSchema> {
  const d = deps as IdentityWriteResolvers;
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(d?.users)],
    [KeysResolver, new KeysResolver(d?.uow, d?.secrets)],
    [UsersResolver, new UsersResolver(d?.uow, d?.sessions, d?.users)],
    [RolesResolver, new RolesResolver(d?.uow)],
    [TeamsResolver, new TeamsResolver(d?.uow)],
    [TenantResolver, new TenantResolver(d?.uow, d?.secrets)],
    [NetworkResolver, new NetworkResolver(d?.uow)],
    [ContactAuthResolver, new ContactAuthResolver(d?.contacts, d?.knownContact)],
    [ContactOrganisationsResolver, new ContactOrganisationsResolver(d?.contactOrganisations)],
    [ExternalSignInResolver, new ExternalSignInResolver(d?.external)],
    [IdentityProvidersResolver, new IdentityProvidersResolver(d?.providers)],
    [ContactSwitchResolver, new ContactSwitchResolver(d?.switching as ContactSwitch)],
  ]);
  return buildFederatedSchema({
    resolvers: [...RESOLVERS],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => instances.get(cls) },
  });
}

/** SDL for composition (no database needed). */
export async function printIdentityWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildIdentityWriteSchema(null));
}
