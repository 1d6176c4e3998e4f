import { registry } from '@crm/event-bus';
import { startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { SUBSCRIPTIONS_TOPIC } from '@crm/event-bus/contracts/subscriptions';
import { SubscriptionCommands } from './application/subscription-commands';
import { DeviceCommands } from './application/device-commands';
import { UsageCommands } from './application/usage-commands';
import { ProvisioningCommands } from './application/provisioning-commands';
import { ActionScheduler, DEFAULT_SCHEDULER_OPTIONS } from './application/action-scheduler';
import { followOrders } from './consumers/orders.consumer';
import { subscriptionContacts } from './consumers/known-contacts.consumer';
import { databaseConfig } from './persistence/database';
import { buildSubscriptionsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { SubscriptionsWriteConfig } from './env';

export interface SubscriptionsWriteService extends WriteSide {
  commands: SubscriptionCommands;
  devices: DeviceCommands;
  usage: UsageCommands;
  provisioning: ProvisioningCommands;
  scheduler: ActionScheduler | null;
}

/** Starts the subscriptions write subgraph, its outbox relay, its action scheduler and its follower of orders (termed services ordered become services) on the given bus. */
export function startSubscriptionsWrite(config: SubscriptionsWriteConfig, deps: ServiceDeps): Promise<SubscriptionsWriteService> {
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [SUBSCRIPTIONS_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const commands = new SubscriptionCommands(dataSource, registry, () => relay.kick());
      const devices = new DeviceCommands(dataSource, registry, () => relay.kick());
      const usage = new UsageCommands(dataSource, registry, () => relay.kick());
      const provisioning = new ProvisioningCommands(dataSource, registry, () => relay.kick());
      const pollMs = config.SUBSCRIPTION_SCHEDULER_POLL_MS;
      const scheduler =
        pollMs > 0
          ? new ActionScheduler(dataSource, commands, logger, {
              ...DEFAULT_SCHEDULER_OPTIONS,
              pollMs,
              leaseMs: config.SUBSCRIPTION_SCHEDULER_LEASE_MS,
            }).start()
          : null;
      const orders = await followOrders(deps.bus, commands);
      const contacts = subscriptionContacts(dataSource);
      const following = await contacts.follow(deps.bus);
      const contactExists = (tenantId: string, contactId: string) => contacts.exists(tenantId, contactId);
      return {
        schema: await buildSubscriptionsWriteSchema(commands, dataSource, devices, usage, provisioning, contactExists),
        running: scheduler ? [scheduler, orders, following] : [orders, following],
        app: { commands, devices, usage, provisioning, scheduler },
      };
    },
  );
}
