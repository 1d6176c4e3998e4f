import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency } from '@crm/platform/graphql';
import { IdentityQueriesResolver } from './graphql/identity-queries.resolver';
import { NetworkQueriesResolver } from './graphql/network-queries.resolver';
import type { IdentityViews } from './persistence/identity-views';

export const SUBGRAPH_NAME = 'identity-read';

/** SDL printing needs no consistency: caught up, no tokens honoured. */
const NO_CONSISTENCY = new ReadConsistency(
  () => ({ lagMs: 0, pendingEvents: 0 }),
  async () => true,
);

export function buildIdentityReadSchema(views: IdentityViews | null, consistency: ReadConsistency = NO_CONSISTENCY): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>([
    [IdentityQueriesResolver, new IdentityQueriesResolver(views as IdentityViews, consistency)],
    [NetworkQueriesResolver, new NetworkQueriesResolver(views as IdentityViews, consistency)],
  ]);
  return buildFederatedSchema({
    resolvers: [IdentityQueriesResolver, NetworkQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => instances.get(cls) },
  });
}

/** SDL for composition (no database needed). */
export async function printIdentityReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildIdentityReadSchema(null));
}
