import { Projector } from '@crm/event-bus/kit';
import { projectorGroupOf, readSideRebuild, startReadSide, type ReadSide, type ReadSideDefinition, type ServiceDeps } from '@crm/event-bus/service';
import { CATALOGUE_TOPIC } from '@crm/event-bus/contracts/catalogue';
import { CatalogueQueries } from './queries/catalogue-queries';
import { databaseConfig } from './persistence/database';
import { catalogueViewsReadModel } from './persistence/catalogue-views';
import { buildCatalogueReadSchema, SUBGRAPH_NAME } from './schema';
import type { CatalogueReadConfig } from './env';

export const PROJECTOR_GROUP = projectorGroupOf(SUBGRAPH_NAME);

/** The catalogue read side: `catalogue_views` projected from the catalogue topic; reads cached in Redis per tenant generation. */
export const catalogueReadSide: ReadSideDefinition<Projector> = {
  name: SUBGRAPH_NAME,
  database: databaseConfig,
  topics: [CATALOGUE_TOPIC],
  projector: (dataSource, cache, logger) => new Projector(dataSource, [catalogueViewsReadModel(cache)], logger),
};

export type CatalogueReadService = ReadSide<Projector>;

/** Starts the catalogue read subgraph and/or its projector, per PROCESS_ROLE. */
export function startCatalogueRead(config: CatalogueReadConfig, deps: ServiceDeps): Promise<CatalogueReadService> {
  return startReadSide(catalogueReadSide, config, deps, ({ dataSource, cache, projector, freshness }) =>
    buildCatalogueReadSchema(new CatalogueQueries(dataSource, cache, projector, config.CONSISTENCY_WAIT_MS), freshness),
  );
}

/** Rebuilds `catalogue_read` from the catalogue topic into a shadow schema and swaps it in (`npm run rebuild -- catalogue-read`). */
export const rebuildCatalogueRead = readSideRebuild(catalogueReadSide);
