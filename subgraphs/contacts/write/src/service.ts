import type { Logger } from 'pino';
import { createDataSource } from '@crm/platform/db';
import { startSubgraphService, type SubgraphServiceOptions } from '@crm/platform/graphql';
import type { HttpService } from '@crm/platform/http';
import { registry, type EventBus } from '@crm/event-bus';
import { OutboxRelay } from '@crm/event-bus/outbox';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactCommands } from './application/contact-commands';
import { databaseConfig } from './persistence/database';
import { buildContactsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsWriteConfig } from './env';

export interface ContactsWriteService {
  http: HttpService;
  relay: OutboxRelay;
  commands: ContactCommands;
  stop(): Promise<void>;
}

/** Starts the contacts write subgraph and its outbox relay on the given bus. */
export async function startContactsWrite(
  config: ContactsWriteConfig,
  deps: { bus: EventBus; logger: Logger; inMemoryDb?: boolean; plugins?: SubgraphServiceOptions['plugins'] },
): Promise<ContactsWriteService> {
  const logger = deps.logger.child({ service: SUBGRAPH_NAME });
  const dataSource = await createDataSource({ ...databaseConfig(config, logger), entities: [], migrate: config.DB_MIGRATE, inMemory: deps.inMemoryDb ?? false });
  await deps.bus.ensureTopics([CONTACTS_TOPIC]);
  const relay = new OutboxRelay(dataSource, deps.bus, logger, { name: SUBGRAPH_NAME, pollIntervalMs: config.OUTBOX_POLL_MS });
  const commands = new ContactCommands(dataSource, registry, () => relay.kick());
  const schema = await buildContactsWriteSchema(commands);
  relay.start();
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema,
    logger,
    port: config.CONTACTS_WRITE_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    ...(deps.plugins ? { plugins: deps.plugins } : {}),
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }],
  });
  return {
    http,
    relay,
    commands,
    async stop() {
      await http.stop();
      await relay.stop();
      await dataSource.destroy();
    },
  };
}
