import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { ENGAGEMENT_TOPIC } from '@crm/event-bus/contracts/engagement';
import { EngagementQueries } from './graphql/engagement-queries.resolver';
import { databaseConfig } from './persistence/database';
import {
  activityViewsReadModel,
  approvalRequestViewsReadModel,
  communicationViewsReadModel,
  queueViewsReadModel,
  serviceRequestViewsReadModel,
} from './persistence/engagement-views';
import { buildEngagementReadSchema, SUBGRAPH_NAME } from './schema';
import type { EngagementReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The engagement read side: `queue_views`, `service_request_views`, `activity_views`, `communication_views` and `approval_request_views` projected from the engagement topic (nothing cached). */
export const engagementReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [ENGAGEMENT_TOPIC],
  projector: (dataSource, _cache, logger) =>
    new Projector(
      dataSource,
      [queueViewsReadModel, serviceRequestViewsReadModel, activityViewsReadModel, communicationViewsReadModel, approvalRequestViewsReadModel],
      logger,
    ),
};

export type EngagementReadService = ReadSide<Projector>;

/** Starts the engagement read subgraph and/or its projector, per PROCESS_ROLE. */
export function startEngagementRead(config: EngagementReadConfig, deps: ServiceDeps): Promise<EngagementReadService> {
  return startReadSide(engagementReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildEngagementReadSchema(new EngagementQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `engagement_read` from the engagement topic into a shadow schema and swaps it in (`npm run rebuild -- engagement-read`). */
export const rebuildEngagementRead = readSideRebuild(engagementReadSide);
