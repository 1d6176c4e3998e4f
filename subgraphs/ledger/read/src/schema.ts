import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { ContactWalletResolver, LedgerQueriesResolver, LedgerSettingsQueriesResolver, type LedgerQueries } from './graphql/ledger-queries.resolver';
import { Contact } from './graphql/types';
import { WalletExistsResolver } from './graphql/wallet-exists.resolver';

export const SUBGRAPH_NAME = 'ledger-read';

export function buildLedgerReadSchema(
  queries: LedgerQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolvers = new Map<unknown, unknown>([
    [LedgerQueriesResolver, new LedgerQueriesResolver(queries as LedgerQueries, consistency)],
    [ContactWalletResolver, new ContactWalletResolver(queries as LedgerQueries)],
    [LedgerSettingsQueriesResolver, new LedgerSettingsQueriesResolver(queries as LedgerQueries, consistency)],
    [WalletExistsResolver, new WalletExistsResolver(queries as LedgerQueries)],
  ]);
  return buildFederatedSchema({
    resolvers: [LedgerQueriesResolver, ContactWalletResolver, LedgerSettingsQueriesResolver, WalletExistsResolver],
    // reachable from no query of this subgraph: an entity it extends
    orphanedTypes: [Contact],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls) => resolvers.get(cls) },
    // the Contact is the contacts subgraph's: this subgraph only adds its wallet, by the contact's id
    referenceResolvers: { Contact: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  });
}

/** SDL for composition (no database needed). */
export async function printLedgerReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildLedgerReadSchema(null));
}
