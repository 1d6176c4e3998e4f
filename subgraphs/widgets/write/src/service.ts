import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { WIDGETS_TOPIC } from '@crm/event-bus/contracts/widgets';
import { WidgetCommands } from './application/widget-commands';
import { databaseConfig } from './persistence/database';
import { buildWidgetsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { WidgetsWriteConfig } from './env';

export interface WidgetsWriteService extends WriteSide {
  commands: WidgetCommands;
}

/** Starts the widgets write subgraph and its outbox relay on the given bus. */
export function startWidgetsWrite(config: WidgetsWriteConfig, deps: ServiceDeps): Promise<WidgetsWriteService> {
  return startWriteSide({ name: SUBGRAPH_NAME, database: databaseConfig, topics: [WIDGETS_TOPIC], config, deps }, async ({ dataSource, relay }) => {
    const commands = new WidgetCommands(dataSource, registry, () => relay.kick());
    return { schema: await buildWidgetsWriteSchema(commands), app: { commands } };
  });
}
