import { registry, type Subscription } from '@crm/event-bus';
import { serviceGateway, startWriteSide, type ServiceDeps, type WriteSide } from '@crm/event-bus/service';
import { INTEGRATIONS_TOPIC } from '@crm/event-bus/contracts/integrations';
import { SecretBox } from '@crm/platform/security';
import { AdapterCommands } from './application/adapter-commands';
import { tenantAdapters } from './adapters/tenant-adapters';
import { AutomationCommands } from './application/automation-commands';
import { IntegrationsDocumentService } from './application/integrations-document';
import { WebhookCommands } from './application/webhook-commands';
import type { AdapterPort } from './automations/adapter-port';
import { ActionExecutor } from './automations/executor';
import type { GatewayPort } from './automations/gateway-port';
import { AutomationTrigger } from './automations/trigger';
import { WebhookDispatcher } from './delivery/dispatcher';
import { httpSender } from './delivery/sender';
import { deliverableEventTypes } from './delivery/sources';
import { guardedLookup } from './delivery/url-guard';
import { DeliveryWorker } from './delivery/worker';
import { DeliveryStore } from './persistence/delivery-store';
import { RunStore } from './persistence/run-store';
import { databaseConfig } from './persistence/database';
import { buildIntegrationsWriteSchema, SUBGRAPH_NAME } from './schema';
import type { IntegrationsWriteConfig } from './env';

export interface IntegrationsWriteService extends WriteSide {
  commands: WebhookCommands;
  deliveries: DeliveryStore;
  dispatcher: WebhookDispatcher;
  /** The sender (null when WEBHOOK_DELIVERY_ENABLED=false). */
  worker: DeliveryWorker | null;
  subscription: Subscription | null;
  automations: AutomationCommands;
  runs: RunStore;
  documents: IntegrationsDocumentService;
  adapters: AdapterCommands;
  trigger: AutomationTrigger;
  /** The automations' action executor (null when AUTOMATIONS_ENABLED=false). */
  executor: ActionExecutor | null;
  automationSubscription: Subscription | null;
}

/** Seams the tests use: the schedule's clock, jitter and DNS. */
export interface IntegrationsWriteOptions {
  clock?: () => Date;
  random?: () => number;
  resolve?: (host: string) => Promise<string[]>;
  /** The ADAPTER actions' providers (default: none configured). */
  adapters?: AdapterPort;
  /** Where ACTIVITY actions call engagement (default: the launcher's `deps.gateway`). */
  gateway?: GatewayPort;
}

/**
 * Starts the integrations write subgraph (webhook endpoints, the delivery log and replays) with its
 * outbox relay, and, unless disabled, the webhook dispatcher (consumes the source topics into
 * delivery rows) and the delivery worker (sends them, retries on the durable schedule).
 */
export function startIntegrationsWrite(
  config: IntegrationsWriteConfig,
  deps: ServiceDeps,
  options: IntegrationsWriteOptions = {},
): Promise<IntegrationsWriteService> {
  const clock = options.clock ?? (() => new Date());
  return startWriteSide(
    { name: SUBGRAPH_NAME, database: databaseConfig, topics: [INTEGRATIONS_TOPIC], config, deps },
    async ({ dataSource, relay, logger }) => {
      const eventTypes = deliverableEventTypes();
      const box = new SecretBox(config.INTEGRATIONS_SECRET, 'webhook-secrets');
      const policy = { allowLoopback: config.WEBHOOKS_ALLOW_LOOPBACK };
      const commands = new WebhookCommands(dataSource, registry, () => relay.kick(), {
        box,
        policy,
        eventTypes,
        overlapMs: config.WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000,
        ...(options.resolve ? { resolve: options.resolve } : {}),
      });
      const deliveries = new DeliveryStore(dataSource);
      let worker: DeliveryWorker | null = null;
      const dispatcher = new WebhookDispatcher(dataSource, deliveries, clock, () => worker?.kick());
      let subscription: Subscription | null = null;
      if (config.WEBHOOK_DELIVERY_ENABLED) {
        worker = new DeliveryWorker(dataSource, deliveries, {
          clock,
          sendClock: () => new Date(),
          random: options.random ?? Math.random,
          send: httpSender({ policy, lookup: guardedLookup(policy), timeoutMs: config.WEBHOOK_TIMEOUT_MS, userAgent: 'crm-webhooks/1' }),
          secrets: box,
          disable: (tenantId, id, reason, status) => commands.disable(tenantId, id, reason, status),
          logger,
          pollMs: config.WEBHOOK_POLL_MS,
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          perEndpoint: 20,
          laneConcurrency: 4,
          maxEndpoints: config.WEBHOOK_MAX_ENDPOINTS,
        });
        worker.start();
        subscription = await dispatcher.subscribe(deps.bus, logger);
      }
      const automations = new AutomationCommands(dataSource, registry, () => relay.kick(), eventTypes);
      const runs = new RunStore(dataSource);
      const adapters = new AdapterCommands(
        dataSource,
        registry,
        () => relay.kick(),
        new SecretBox(config.INTEGRATIONS_SECRET, 'adapter-credentials'),
        (url) => commands.checkUrl(url),
      );
      const documents = new IntegrationsDocumentService(dataSource, commands, automations, eventTypes);
      let executor: ActionExecutor | null = null;
      const trigger = new AutomationTrigger(dataSource, runs, clock, () => executor?.kick());
      let automationSubscription: Subscription | null = null;
      if (config.AUTOMATIONS_ENABLED) {
        executor = new ActionExecutor(dataSource, runs, deliveries, {
          clock,
          gateway: options.gateway ?? serviceGateway(SUBGRAPH_NAME, config, deps),
          adapters: options.adapters ?? tenantAdapters(adapters, config.WEBHOOK_TIMEOUT_MS),
          kickDeliveries: () => worker?.kick(),
          logger,
          pollMs: config.AUTOMATION_POLL_MS,
          leaseMs: config.AUTOMATION_LEASE_MS,
          concurrency: 8,
          maxAttempts: 8,
        });
        executor.start();
        automationSubscription = await trigger.subscribe(deps.bus, logger);
      }
      const running = [
        ...(worker ? [worker] : []),
        ...(subscription ? [subscription] : []),
        ...(executor ? [executor] : []),
        ...(automationSubscription ? [automationSubscription] : []),
      ];
      return {
        schema: await buildIntegrationsWriteSchema({
          commands,
          deliveries,
          kick: () => worker?.kick(),
          clock,
          automations,
          runs,
          documents,
          adapters,
        }),
        running,
        app: {
          commands,
          deliveries,
          dispatcher,
          worker,
          subscription,
          automations,
          runs,
          documents,
          adapters,
          trigger,
          executor,
          automationSubscription,
        },
      };
    },
  );
}
