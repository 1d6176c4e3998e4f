import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { RewardsMutationsResolver } from './graphql/rewards-mutations.resolver';
import type { RewardsCommands } from './application/rewards-commands';
import type { PurchaseService } from './application/purchase-service';
import { GivingMutationsResolver } from './giving/graphql/giving.resolver';
import type { GivingService } from './giving/application/giving-service';

export const SUBGRAPH_NAME = 'rewards-write';

export function buildRewardsWriteSchema(
  commands: RewardsCommands | null,
  purchases: PurchaseService | null,
  giving: GivingService | null = null,
): Promise<GraphQLSchema> {
  const resolver = new RewardsMutationsResolver(commands as RewardsCommands, purchases as PurchaseService);
  const givingResolver = new GivingMutationsResolver(giving as GivingService);
  return buildFederatedSchema({
    resolvers: [RewardsMutationsResolver, GivingMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: { get: (cls: unknown) => (cls === GivingMutationsResolver ? givingResolver : resolver) },
  });
}

/** SDL for composition (no database needed). */
export async function printRewardsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildRewardsWriteSchema(null, null));
}
