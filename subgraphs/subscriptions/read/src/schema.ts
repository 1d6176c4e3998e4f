import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker, ReadConsistency, type Freshness } from '@crm/platform/graphql';
import { SubscriptionQueriesResolver, type SubscriptionQueries } from './graphql/subscription-queries.resolver';
import { DeviceQueriesResolver } from './graphql/device-queries.resolver';
import { UsageQueriesResolver } from './graphql/usage-queries.resolver';
import { ServiceProvisioningResolver } from './graphql/provisioning-queries.resolver';

export const SUBGRAPH_NAME = 'subscriptions-read';

export function buildSubscriptionsReadSchema(
  queries: SubscriptionQueries | null,
  freshness: () => Freshness = () => ({ lagMs: 0, pendingEvents: 0 }),
): Promise<GraphQLSchema> {
  const consistency = new ReadConsistency(freshness, (tenantId, tokens) => queries!.awaitTokens(tenantId, tokens));
  const resolver = new SubscriptionQueriesResolver(queries as SubscriptionQueries, consistency);
  const devices = new DeviceQueriesResolver(queries as SubscriptionQueries, consistency);
  const usage = new UsageQueriesResolver(queries as SubscriptionQueries, consistency);
  const provisioning = new ServiceProvisioningResolver(queries as SubscriptionQueries);
  return buildFederatedSchema({
    resolvers: [SubscriptionQueriesResolver, DeviceQueriesResolver, UsageQueriesResolver, ServiceProvisioningResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) =>
        cls === DeviceQueriesResolver
          ? devices
          : cls === UsageQueriesResolver
            ? usage
            : cls === ServiceProvisioningResolver
              ? provisioning
              : resolver,
    },
  });
}

/** SDL for composition (no database needed). */
export async function printSubscriptionsReadSdl(): Promise<string> {
  return printSubgraphSchema(await buildSubscriptionsReadSchema(null));
}
