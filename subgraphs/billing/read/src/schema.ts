import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { PaymentMethodQueriesResolver, type PaymentMethodQueries } from './graphql/payment-method-queries.resolver';
import { PaymentQueriesResolver, type PaymentViewQueries } from './payments/payment-queries.resolver';

export const SUBGRAPH_NAME = 'billing-read';

export function buildBillingReadSchema(
  queries: PaymentMethodQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
  payments: PaymentViewQueries | null = null,
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, async (tenantId, tokens) => {
    const [a, b] = await Promise.all([queries!.awaitTokens(tenantId, tokens), payments ? payments.awaitTokens(tenantId, tokens) : true]);
    return a && b;
  });
  const resolver = new PaymentMethodQueriesResolver(queries as PaymentMethodQueries, consistency);
  const paymentResolver = new PaymentQueriesResolver(payments as PaymentViewQueries, consistency);
  return buildFederatedSchema({
    resolvers: [PaymentMethodQueriesResolver, PaymentQueriesResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === PaymentQueriesResolver ? paymentResolver : resolver) },
  });
}

/** SDL for composition (no database needed). */
export async function printBillingReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildBillingReadSchema(null));
}
