import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { EngagementQueriesResolver, type EngagementQueries } from './graphql/engagement-queries.resolver';
import { CommunicationQueriesResolver } from './graphql/communication-queries.resolver';
import { ApprovalQueriesResolver } from './graphql/approval-queries.resolver';

export const SUBGRAPH_NAME = 'engagement-read';

export function buildEngagementReadSchema(
  queries: EngagementQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new EngagementQueriesResolver(queries as EngagementQueries, consistency);
  const communications = new CommunicationQueriesResolver(queries as EngagementQueries, consistency);
  const approvals = new ApprovalQueriesResolver(queries as EngagementQueries, consistency);
  return buildFederatedSchema({
    resolvers: [EngagementQueriesResolver, CommunicationQueriesResolver, ApprovalQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) => (cls === CommunicationQueriesResolver ? communications : cls === ApprovalQueriesResolver ? approvals : resolver),
    },
  });
}

/** SDL for composition (no database needed). */
export async function printEngagementReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildEngagementReadSchema(null));
}
