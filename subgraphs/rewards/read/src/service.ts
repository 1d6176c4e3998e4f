import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { REWARDS_TOPIC } from '@crm/event-bus/contracts/rewards';
import { RewardQueries } from './graphql/reward-queries.resolver';
import { databaseConfig } from './persistence/database';
import { rewardViewsReadModel } from './persistence/reward-views';
import { givingViewsReadModel } from './giving/store';
import { GivingQueries } from './giving/giving-queries.resolver';
import { buildRewardsReadSchema, SUBGRAPH_NAME } from './schema';
import type { RewardsReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The rewards read side: `reward_views` (schemes, memberships, offers, purchases) projected from the rewards topic (nothing cached). */
export const rewardsReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [REWARDS_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [rewardViewsReadModel, givingViewsReadModel], logger),
};

export type RewardsReadService = ReadSide<Projector>;

/** Starts the rewards read subgraph and/or its projector, per PROCESS_ROLE. */
export function startRewardsRead(config: RewardsReadConfig, deps: ServiceDeps): Promise<RewardsReadService> {
  return startReadSide(rewardsReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildRewardsReadSchema(
      new RewardQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
      freshness,
      new GivingQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS),
    ),
  );
}

/** Rebuilds `rewards_read` from the rewards topic into a shadow schema and swaps it in (`npm run rebuild -- rewards-read`). */
export const rebuildRewardsRead = readSideRebuild(rewardsReadSide);
