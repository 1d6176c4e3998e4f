import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { IdentityQueriesResolver } from './graphql/identity-queries.resolver';
import type { IdentityViews } from './persistence/identity-views';

export const SUBGRAPH_NAME = 'identity-read';

export function buildIdentityReadSchema(views: IdentityViews | null): Promise<GraphQLSchema> {
  const resolver = new IdentityQueriesResolver(views as IdentityViews);
  return buildFederatedSchema({
    resolvers: [IdentityQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printIdentityReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildIdentityReadSchema(null));
}
