import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { ContactQueriesResolver, contactReferenceResolver } from './graphql/contact-queries.resolver';
import type { ContactQueries } from './queries/contact-queries';
import { CommunityQueriesResolver } from './communities/resolver';
import type { CommunityQueries } from './communities/queries';

export const SUBGRAPH_NAME = 'contacts-read';

export function buildContactsReadSchema(
  queries: ContactQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
  communities: CommunityQueries | null = null,
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new ContactQueriesResolver(queries as ContactQueries, consistency);
  const communityResolver = new CommunityQueriesResolver(
    communities as CommunityQueries,
    new ReadConsistency(freshness, (tenantId, tokens) => communities!.awaitTokens(tenantId, tokens)),
  );
  return buildFederatedSchema({
    resolvers: [ContactQueriesResolver, CommunityQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === CommunityQueriesResolver ? communityResolver : resolver) },
    referenceResolvers: contactReferenceResolver(queries as ContactQueries) as never,
  });
}

/** SDL for composition (no database needed). */
export async function printContactsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildContactsReadSchema(null));
}
