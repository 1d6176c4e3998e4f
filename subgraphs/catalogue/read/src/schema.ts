import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { CatalogueQueriesResolver } from './graphql/catalogue-queries.resolver';
import type { CatalogueQueries } from './queries/catalogue-queries';

export const SUBGRAPH_NAME = 'catalogue-read';

export function buildCatalogueReadSchema(
  queries: CatalogueQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new CatalogueQueriesResolver(queries as CatalogueQueries, consistency);
  return buildFederatedSchema({
    resolvers: [CatalogueQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printCatalogueReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildCatalogueReadSchema(null));
}
