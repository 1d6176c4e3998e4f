import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { CATALOGUE_TOPIC } from '@crm/event-bus/contracts/catalogue';
import { CatalogueCommands } from './application/catalogue-commands';
import { databaseConfig } from './persistence/database';
import { buildCatalogueWriteSchema, SUBGRAPH_NAME } from './schema';
import type { CatalogueWriteConfig } from './env';

export interface CatalogueWriteService extends WriteSide {
  commands: CatalogueCommands;
}

/** Starts the catalogue write subgraph and its outbox relay on the given bus. */
export function startCatalogueWrite(config: CatalogueWriteConfig, deps: ServiceDeps): Promise<CatalogueWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [CATALOGUE_TOPIC], config, deps }, async ({ dataSource, relay }) => {
    const commands = new CatalogueCommands(dataSource, registry, () => relay.kick());
    return { schema: await buildCatalogueWriteSchema(commands), app: { commands } };
  });
}
