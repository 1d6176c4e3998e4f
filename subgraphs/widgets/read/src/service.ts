import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { WIDGETS_TOPIC } from '@crm/event-bus/contracts/widgets';
import { WidgetQueries } from './graphql/widget-queries.resolver';
import { databaseConfig } from './persistence/database';
import { widgetViewsReadModel } from './persistence/widget-views';
import { buildWidgetsReadSchema, SUBGRAPH_NAME } from './schema';
import type { WidgetsReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The widgets read side: `widget_views` projected from the widgets topic (nothing cached). */
export const widgetsReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [WIDGETS_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [widgetViewsReadModel], logger),
};

export type WidgetsReadService = ReadSide<Projector>;

/** Starts the widgets read subgraph and/or its projector, per PROCESS_ROLE. */
export function startWidgetsRead(config: WidgetsReadConfig, deps: ServiceDeps): Promise<WidgetsReadService> {
  return startReadSide(widgetsReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildWidgetsReadSchema(new WidgetQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `widgets_read` from the widgets topic into a shadow schema and swaps it in (`npm run rebuild -- widgets-read`). */
export const rebuildWidgetsRead = readSideRebuild(widgetsReadSide);
