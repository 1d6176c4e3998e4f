import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { ContactMutationsResolver } from './graphql/contact-mutations.resolver';
import type { ContactCommands } from './application/contact-commands';

export const SUBGRAPH_NAME = 'contacts-write';

export function buildContactsWriteSchema(commands: ContactCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ContactMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    nonResolvableEntities: ['Contact'],
    container: { get: () => new ContactMutationsResolver(commands as ContactCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printContactsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildContactsWriteSchema(null));
}
