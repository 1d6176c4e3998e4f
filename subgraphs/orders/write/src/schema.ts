import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { OrderMutationsResolver } from './graphql/order-mutations.resolver';
import type { OrderCommands } from './application/order-commands';

export const SUBGRAPH_NAME = 'orders-write';

export function buildOrdersWriteSchema(commands: OrderCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrderMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new OrderMutationsResolver(commands as OrderCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printOrdersWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildOrdersWriteSchema(null));
}
