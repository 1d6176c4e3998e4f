import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { OrderQueriesResolver, type OrderQueries } from './graphql/order-queries.resolver';

export const SUBGRAPH_NAME = 'orders-read';

export function buildOrdersReadSchema(
  queries: OrderQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new OrderQueriesResolver(queries as OrderQueries, consistency);
  return buildFederatedSchema({
    resolvers: [OrderQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printOrdersReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildOrdersReadSchema(null));
}
