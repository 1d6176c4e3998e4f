import type { GraphQLSchema } from 'graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildFederatedSchema, principalAuthChecker } from '@crm/platform/graphql';
import { RewardsMutationsResolver } from './graphql/rewards-mutations.resolver';
import type { RewardsCommands } from './application/rewards-commands';
import type { PurchaseService } from './application/purchase-service';
import { GivingMutationsResolver } from './giving/graphql/giving.resolver';
import type { GivingService } from './giving/application/giving-service';
import { PassesMutationsResolver } from './graphql/passes-mutations.resolver';
import type { PassesService } from './application/passes/passes-service';
import type { ReclaimService } from './application/reclaim/reclaim-service';

export const SUBGRAPH_NAME = 'rewards-write';

export function buildRewardsWriteSchema(
  commands: RewardsCommands | null,
  purchases: PurchaseService | null,
  giving: GivingService | null = null,
  passes: PassesService | null = null,
  reclaims: ReclaimService | null = null,
): Promise<GraphQLSchema> {
  const resolver = new RewardsMutationsResolver(commands as RewardsCommands, purchases as PurchaseService);
  const givingResolver = new GivingMutationsResolver(giving as GivingService);
  const passesResolver = new PassesMutationsResolver(passes as PassesService, reclaims as ReclaimService);
  return buildFederatedSchema({
    resolvers: [RewardsMutationsResolver, GivingMutationsResolver, PassesMutationsResolver],
    authChecker: principalAuthChecker,
    authMode: 'error',
    validate: false,
    container: {
      get: (cls: unknown) => (cls === GivingMutationsResolver ? givingResolver : cls === PassesMutationsResolver ? passesResolver : resolver),
    },
  });
}

/** SDL for composition (no database needed). */
export async function printRewardsWriteSdl(): Promise<string> {
  return printSubgraphSchema(await buildRewardsWriteSchema(null, null));
}
