import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { BillingMutationsResolver } from './graphql/billing-mutations.resolver';
import type { PaymentMethodCommands } from './application/payment-method-commands';
import type { TopupCommands } from './application/topup-commands';

export const SUBGRAPH_NAME = 'billing-write';

export interface BillingWriteApp {
  methods: PaymentMethodCommands;
  topups: TopupCommands;
}

export function buildBillingWriteSchema(app: BillingWriteApp | null): Promise<GraphQLSchema> {
  const resolver = new BillingMutationsResolver(app?.methods as PaymentMethodCommands, app?.topups as TopupCommands);
  return buildFederatedSchema({
    resolvers: [BillingMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => resolver },
  });
}

/** SDL for composition (no database needed). */
export async function printBillingWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildBillingWriteSchema(null));
}
