import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { ContactQueriesResolver, contactReferenceResolver } from './graphql/contact-queries.resolver';
import type { ContactQueries } from './queries/contact-queries';

export const SUBGRAPH_NAME = 'contacts-read';

export function buildContactsReadSchema(
  queries: ContactQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new ContactQueriesResolver(queries as ContactQueries, consistency);
  return buildFederatedSchema({
    resolvers: [ContactQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
    referenceResolvers: contactReferenceResolver(queries as ContactQueries) as never,
  });
}

/** SDL for composition (no database needed). */
export async function printContactsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildContactsReadSchema(null));
}
