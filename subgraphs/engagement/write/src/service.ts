import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { ENGAGEMENT_TOPIC } from '@crm/event-bus/contracts/engagement';
import { EngagementCommands } from './application/engagement-commands';
import { followContacts } from './consumers/known-contacts.consumer';
import { databaseConfig } from './persistence/database';
import { buildEngagementWriteSchema, SUBGRAPH_NAME } from './schema';
import type { EngagementWriteConfig } from './env';

export interface EngagementWriteService extends WriteSide {
  commands: EngagementCommands;
}

/** Starts the engagement write subgraph and its outbox relay on the given bus. */
export function startEngagementWrite(config: EngagementWriteConfig, deps: ServiceDeps): Promise<EngagementWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [ENGAGEMENT_TOPIC], config, deps },
    async ({ dataSource, relay }) => {
      const commands = new EngagementCommands(dataSource, registry, () => relay.kick());
      const contacts = await followContacts(dataSource, deps.bus);
      return { schema: await buildEngagementWriteSchema(commands), app: { commands }, running: [contacts] };
    },
  );
}
