import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { CatalogueMutationsResolver } from './graphql/catalogue-mutations.resolver';
import type { CatalogueCommands } from './application/catalogue-commands';

export const SUBGRAPH_NAME = 'catalogue-write';

export function buildCatalogueWriteSchema(commands: CatalogueCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CatalogueMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new CatalogueMutationsResolver(commands as CatalogueCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printCatalogueWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildCatalogueWriteSchema(null));
}
