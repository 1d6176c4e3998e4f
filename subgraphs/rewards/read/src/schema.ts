import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { RewardQueriesResolver, type RewardQueries } from './graphql/reward-queries.resolver';
import { GivingQueriesResolver, type GivingQueries } from './giving/giving-queries.resolver';
import { PassesQueriesResolver } from './graphql/passes-queries.resolver';

export const SUBGRAPH_NAME = 'rewards-read';

export function buildRewardsReadSchema(
  queries: RewardQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
  giving: GivingQueries | null = null,
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, async (tenantId, tokens) => {
    const [rewards, gifts] = await Promise.all([queries!.awaitTokens(tenantId, tokens), giving ? giving.awaitTokens(tenantId, tokens) : true]);
    return rewards && gifts;
  });
  const resolver = new RewardQueriesResolver(queries as RewardQueries, consistency);
  const givingResolver = new GivingQueriesResolver(giving as GivingQueries, consistency);
  const passesResolver = new PassesQueriesResolver(queries as RewardQueries, consistency);
  return buildFederatedSchema({
    resolvers: [RewardQueriesResolver, GivingQueriesResolver, PassesQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) => (cls === GivingQueriesResolver ? givingResolver : cls === PassesQueriesResolver ? passesResolver : resolver),
    },
  });
}

/** SDL for composition (no database needed). */
export async function printRewardsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildRewardsReadSchema(null));
}
