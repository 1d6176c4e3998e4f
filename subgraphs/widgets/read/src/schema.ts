import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { WidgetQueriesResolver, type WidgetQueries } from './graphql/widget-queries.resolver';

export const SUBGRAPH_NAME = 'widgets-read';

export function buildWidgetsReadSchema(
  queries: WidgetQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new WidgetQueriesResolver(queries as WidgetQueries, consistency);
  return buildFederatedSchema({
    resolvers: [WidgetQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printWidgetsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildWidgetsReadSchema(null));
}
