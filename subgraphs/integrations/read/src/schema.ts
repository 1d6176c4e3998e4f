import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { WebhookQueriesResolver, type WebhookQueries } from './graphql/webhook-queries.resolver';

export const SUBGRAPH_NAME = 'integrations-read';

export function buildIntegrationsReadSchema(
  queries: WebhookQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new WebhookQueriesResolver(queries as WebhookQueries, consistency);
  return buildFederatedSchema({
    resolvers: [WebhookQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printIntegrationsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildIntegrationsReadSchema(null));
}
