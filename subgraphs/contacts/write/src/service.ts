import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@crm/platform/db';
import { startSubgraphService, type SubgraphServiceOptions } from '@crm/platform/graphql';
import type { HttpService } from '@crm/platform/http';
import { registry, type EventBus, type Subscription } from '@crm/event-bus';
import { OutboxRelay } from '@crm/event-bus/outbox';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactCommands } from './application/contact-commands';
import { ContactRegistrationProcess } from './process-managers/contact-registration.process';
import { databaseConfig } from './persistence/database';
import { buildContactsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsWriteConfig } from './env';
import { withService } from '@crm/platform/logging';

export interface ContactsWriteService {
  http: HttpService;
  relay: OutboxRelay;
  commands: ContactCommands;
  dataSource: DataSource;
  /** The contact-registration process manager's subscription (null when disabled by configuration). */
  registrations: Subscription | null;
  stop(): Promise<void>;
}

/**
 * Starts the contacts write subgraph and its outbox relay on the given bus, and (unless disabled)
 * the contact-registration process manager reacting to identity events.
 */
export async function startContactsWrite(
  config: ContactsWriteConfig,
  deps: { bus: EventBus; logger: Logger; inMemoryDb?: boolean | string; plugins?: SubgraphServiceOptions['plugins'] },
): Promise<ContactsWriteService> {
  const logger = withService(deps.logger, SUBGRAPH_NAME);
  const dataSource = await createDataSource({
    ...databaseConfig(config, logger),
    entities: [],
    migrate: config.DB_MIGRATE,
    inMemory: deps.inMemoryDb ?? false,
  });
  await deps.bus.ensureTopics([CONTACTS_TOPIC]);
  const relay = new OutboxRelay(dataSource, deps.bus, logger, { name: SUBGRAPH_NAME, pollIntervalMs: config.OUTBOX_POLL_MS });
  const commands = new ContactCommands(dataSource, registry, () => relay.kick());
  const schema = await buildContactsWriteSchema(commands);
  relay.start();
  const registrations = config.REGISTRATION_CONSUMER_ENABLED ? await new ContactRegistrationProcess(commands, logger).start(deps.bus) : null;
  const http = await startSubgraphService({
    name: SUBGRAPH_NAME,
    schema,
    logger,
    port: config.CONTACTS_WRITE_PORT,
    host: config.HOST,
    internalAuthSecret: config.INTERNAL_AUTH_SECRET,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    metrics: { token: config.METRICS_TOKEN },
    ...(deps.plugins ? { plugins: deps.plugins } : {}),
    readiness: [{ name: 'database', check: async () => (await dataSource.query('SELECT 1')).length === 1 }],
  });
  return {
    http,
    relay,
    commands,
    dataSource,
    registrations,
    async stop() {
      // readiness off, keep serving SHUTDOWN_DELAY_MS, drain in-flight mutations; only then stop
      // the relay, which publishes what those mutations committed before it returns
      await http.stop();
      await registrations?.stop();
      await relay.stop();
      await dataSource.destroy();
    },
  };
}
