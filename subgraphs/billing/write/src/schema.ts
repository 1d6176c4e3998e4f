import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { BillingMutationsResolver } from './graphql/billing-mutations.resolver';
import type { PaymentMethodCommands } from './application/payment-method-commands';
import type { TopupCommands } from './application/topup-commands';
import { InvoicingResolver, type InvoicingApp } from './invoicing/graphql/invoicing.resolver';

export const SUBGRAPH_NAME = 'billing-write';

export interface BillingWriteApp {
  methods: PaymentMethodCommands;
  topups: TopupCommands;
  /** Invoices, credit notes, billing runs and estimates. */
  invoicing?: InvoicingApp;
}

export function buildBillingWriteSchema(app: BillingWriteApp | null): Promise<GraphQLSchema> {
  const resolver = new BillingMutationsResolver(app?.methods as PaymentMethodCommands, app?.topups as TopupCommands);
  const invoicing = new InvoicingResolver(app?.invoicing ?? null);
  return buildFederatedSchema({
    resolvers: [BillingMutationsResolver, InvoicingResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === InvoicingResolver ? invoicing : resolver) },
  });
}

/** SDL for composition (no database needed). */
export async function printBillingWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildBillingWriteSchema(null));
}
