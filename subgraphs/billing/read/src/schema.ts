import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { PaymentMethodQueriesResolver, type PaymentMethodQueries } from './graphql/payment-method-queries.resolver';

export const SUBGRAPH_NAME = 'billing-read';

export function buildBillingReadSchema(
  queries: PaymentMethodQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new PaymentMethodQueriesResolver(queries as PaymentMethodQueries, consistency);
  return buildFederatedSchema({
    resolvers: [PaymentMethodQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printBillingReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildBillingReadSchema(null));
}
