import { registry, type Subscription } from '@crm/event-bus';
import type { OutboxRelay } from '@crm/event-bus/outbox';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { CONTACTS_TOPIC } from '@crm/event-bus/contracts/contacts';
import { ContactCommands } from './application/contact-commands';
import { CommunityCommands } from './communities/commands';
import { ContactRegistrationProcess } from './process-managers/contact-registration.process';
import { CustomFieldRulesConsumer } from './process-managers/custom-field-rules.consumer';
import { databaseConfig } from './persistence/database';
import { buildContactsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { ContactsWriteConfig } from './env';

export interface ContactsWriteService extends WriteSide {
  relay: OutboxRelay;
  commands: ContactCommands;
  /** The contact-registration process manager's subscription (null when disabled by configuration). */
  registrations: Subscription | null;
}

/**
 * Starts the contacts write subgraph and its outbox relay on the given bus, and (unless disabled)
 * the contact-registration process manager reacting to identity events, and the consumer keeping
 * the custom field definitions (settings events) that contact writes are checked against.
 */
export function startContactsWrite(config: ContactsWriteConfig, deps: ServiceDeps): Promise<ContactsWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [CONTACTS_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new ContactCommands(dataSource, registry, () => relay.kick());
      const communities = new CommunityCommands(dataSource, registry, () => relay.kick(), commands);
      const schema = await buildContactsWriteSchema(commands, communities);
      const registrations = config.REGISTRATION_CONSUMER_ENABLED ? await new ContactRegistrationProcess(commands, logger).start(deps.bus) : null;
      // the custom field definitions contact writes are checked against (settings events); joining
      // its consumer group does not hold up the API (a definition is enforced once it is applied)
      const customFieldRules = new CustomFieldRulesConsumer(dataSource).start(deps.bus);
      customFieldRules.catch((err: unknown) => logger.error({ err }, 'custom field rules consumer failed to start'));
      const stopRules = { stop: async () => (await customFieldRules.catch(() => null))?.stop() };
      return { schema, running: [...(registrations ? [registrations] : []), stopRules], app: { commands, registrations } };
    },
  );
}
