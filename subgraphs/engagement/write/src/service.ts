import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { ENGAGEMENT_TOPIC } from '@crm/event-bus/contracts/engagement';
import { EngagementCommands } from './application/engagement-commands';
import { CommunicationCommands } from './application/communication-commands';
import { DeliveryWorker } from './application/delivery-worker';
import { ApprovalCommands, approvalLinkKey } from './application/approval-commands';
import { smtpEmailSender } from './channels/smtp-email';
import { smsSender } from './channels/sms';
import { unconfigured } from './channels/ports';
import { followContacts } from './consumers/known-contacts.consumer';
import { followContactProfiles } from './consumers/contact-profiles.consumer';
import { databaseConfig } from './persistence/database';
import { buildEngagementWriteSchema, SUBGRAPH_NAME } from './schema';
import type { EngagementWriteConfig } from './env';

export interface EngagementWriteService extends WriteSide {
  commands: EngagementCommands;
  communications: CommunicationCommands;
  approvals: ApprovalCommands;
}

/** Starts the engagement write subgraph, its outbox relay, the contacts follower (welcome sends) and the communication delivery worker. */
export function startEngagementWrite(config: EngagementWriteConfig, deps: ServiceDeps): Promise<EngagementWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [ENGAGEMENT_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new EngagementCommands(dataSource, registry, () => relay.kick());
      let worker: DeliveryWorker | null = null;
      const communications = new CommunicationCommands(
        dataSource,
        registry,
        () => {
          relay.kick();
          worker?.kick();
        },
        { sender: config.COMMS_SENDER, defaultLanguage: config.COMMS_DEFAULT_LANGUAGE },
      );
      if (config.COMMS_DELIVERY_ENABLED) {
        const channels = {
          EMAIL: config.SMTP_URL ? smtpEmailSender(config.SMTP_URL) : unconfigured('EMAIL'),
          SMS: smsSender(config.SMS_ADAPTER, logger),
          INAPP: { send: () => Promise.resolve({ providerId: null }) },
        };
        const policy = {
          maxAttempts: config.COMMS_MAX_ATTEMPTS,
          retryBaseMs: config.COMMS_RETRY_BASE_MS,
          pollMs: config.COMMS_POLL_MS,
          leaseMs: 120_000,
          batchSize: 20,
        };
        worker = new DeliveryWorker(dataSource, communications, channels, policy, logger);
        worker.start();
      }
      const approvals = new ApprovalCommands(dataSource, registry, () => relay.kick(), approvalLinkKey(config.INTERNAL_AUTH_SECRET));
      const contacts = await followContacts(dataSource, deps.bus);
      const profiles = await followContactProfiles(dataSource, deps.bus, (event) => communications.welcome(event));
      return {
        schema: await buildEngagementWriteSchema(commands, communications, approvals),
        app: { commands, communications, approvals },
        running: [...(worker ? [worker] : []), contacts, profiles],
      };
    },
  );
}
