import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { RewardQueriesResolver, type RewardQueries } from './graphql/reward-queries.resolver';
import { PassesQueriesResolver } from './graphql/passes-queries.resolver';

export const SUBGRAPH_NAME = 'rewards-read';

export function buildRewardsReadSchema(
  queries: RewardQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new RewardQueriesResolver(queries as RewardQueries, consistency);
  const passesResolver = new PassesQueriesResolver(queries as RewardQueries, consistency);
  return buildFederatedSchema({
    resolvers: [RewardQueriesResolver, PassesQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === PassesQueriesResolver ? passesResolver : resolver) },
  });
}

/** SDL for composition (no database needed). */
export async function printRewardsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildRewardsReadSchema(null));
}
