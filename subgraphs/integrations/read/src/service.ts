import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { INTEGRATIONS_TOPIC } from '@crm/event-bus/contracts/integrations';
import { WebhookQueries } from './graphql/webhook-queries.resolver';
import { databaseConfig } from './persistence/database';
import { webhookViewsReadModel } from './persistence/webhook-views';
import { buildIntegrationsReadSchema, SUBGRAPH_NAME } from './schema';
import type { IntegrationsReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The integrations read side: `webhook_views` projected from the integrations topic (nothing cached). */
export const integrationsReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [INTEGRATIONS_TOPIC],
  projector: (dataSource, _cache, logger) => new Projector(dataSource, [webhookViewsReadModel], logger),
};

export type IntegrationsReadService = ReadSide<Projector>;

/** Starts the integrations read subgraph and/or its projector, per PROCESS_ROLE. */
export function startIntegrationsRead(config: IntegrationsReadConfig, deps: ServiceDeps): Promise<IntegrationsReadService> {
  return startReadSide(integrationsReadSide, config, deps, ({ dataSource, projector, freshness }) =>
    buildIntegrationsReadSchema(new WebhookQueries(dataSource, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `integrations_read` from the integrations topic into a shadow schema and swaps it in (`npm run rebuild -- integrations-read`). */
export const rebuildIntegrationsRead = readSideRebuild(integrationsReadSide);
