import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { SubscriptionMutationsResolver } from './graphql/subscription-mutations.resolver';
import type { SubscriptionCommands } from './application/subscription-commands';

export const SUBGRAPH_NAME = 'subscriptions-write';

export function buildSubscriptionsWriteSchema(commands: SubscriptionCommands | null): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [SubscriptionMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: () => new SubscriptionMutationsResolver(commands as SubscriptionCommands) },
  });
}

/** SDL for composition (no database needed). */
export async function printSubscriptionsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildSubscriptionsWriteSchema(null));
}
