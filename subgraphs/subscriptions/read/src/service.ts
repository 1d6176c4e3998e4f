import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { SUBSCRIPTIONS_TOPIC } from '@crm/event-bus/contracts/subscriptions';
import { SubscriptionQueries } from './graphql/subscription-queries.resolver';
import { databaseConfig } from './persistence/database';
import { subscriptionViewsReadModel } from './persistence/subscription-views';
import { deviceViewsReadModel } from './persistence/device-views';
import { usageAllowanceViewsReadModel, usageRecordViewsReadModel } from './persistence/usage-views';
import { provisioningViewsReadModel } from './persistence/provisioning-views';
import { buildSubscriptionsReadSchema, SUBGRAPH_NAME } from './schema';
import type { SubscriptionsReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The subscriptions read side: `subscription_views`, `device_views` and the usage views projected from the subscriptions topic (nothing cached). */
export const subscriptionsReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [SUBSCRIPTIONS_TOPIC],
  projector: (dataSource, _cache, logger) =>
    new Projector(
      dataSource,
      [subscriptionViewsReadModel, deviceViewsReadModel, usageRecordViewsReadModel, usageAllowanceViewsReadModel, provisioningViewsReadModel],
      logger,
    ),
};

export type SubscriptionsReadService = ReadSide<Projector>;

/** Starts the subscriptions read subgraph and/or its projector, per PROCESS_ROLE. */
export function startSubscriptionsRead(config: SubscriptionsReadConfig, deps: ServiceDeps): Promise<SubscriptionsReadService> {
  return startReadSide(subscriptionsReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildSubscriptionsReadSchema(new SubscriptionQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `subscriptions_read` from the subscriptions topic into a shadow schema and swaps it in (`npm run rebuild -- subscriptions-read`). */
export const rebuildSubscriptionsRead = readSideRebuild(subscriptionsReadSide);
