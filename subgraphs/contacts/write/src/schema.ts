import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { ContactMutationsResolver } from './graphql/contact-mutations.resolver';
import type { ContactCommands } from './application/contact-commands';
import { CommunityMutationsResolver } from './communities/resolver';
import type { CommunityCommands } from './communities/commands';

export const SUBGRAPH_NAME = 'contacts-write';

export function buildContactsWriteSchema(commands: ContactCommands | null, communities: CommunityCommands | null = null): Promise<GraphQLSchema> {
  const contactsResolver = new ContactMutationsResolver(commands as ContactCommands);
  const communityResolver = new CommunityMutationsResolver(communities as CommunityCommands);
  return buildFederatedSchema({
    resolvers: [ContactMutationsResolver, CommunityMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    nonResolvableEntities: ['Contact'],
    container: { get: (cls: unknown) => (cls === CommunityMutationsResolver ? communityResolver : contactsResolver) },
  });
}

/** SDL for composition (no database needed). */
export async function printContactsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildContactsWriteSchema(null));
}
