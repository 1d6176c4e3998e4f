import type { Logger } from 'pino';
import { rebuildIntoShadow, type KafkaBus, type ShadowRebuildResult } from '@crm/event-bus';
import { Projector } from '@crm/event-bus/kit';
import { WIDGETS_TOPIC } from '@crm/event-bus/contracts/widgets';
import { databaseConfig } from './persistence/database';
import { widgetViewsReadModel } from './persistence/widget-views';

/** Rebuilds `widgets_read` from its topic into a shadow schema and swaps it in (`npm run rebuild -- widgets-read`). */
export function rebuildWidgetsRead(deps: { bus: KafkaBus; databaseUrl: string; logger: Logger }): Promise<ShadowRebuildResult> {
  return rebuildIntoShadow({
    bus: deps.bus,
    topics: [WIDGETS_TOPIC],
    database: { ...databaseConfig({ DATABASE_URL: deps.databaseUrl, DATA_DIR: '.data' }, deps.logger), databaseUrl: deps.databaseUrl },
    handlerFor: (shadow) => new Projector(shadow, [widgetViewsReadModel], deps.logger).handle,
    logger: deps.logger,
  });
}
